/** Certificates made in the tests (node-forge): the provider's HTTPS certificate and the app's client certificates. */
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface TestCert {
  readonly certPem: string;
  /** PKCS#8, unencrypted. */
  readonly keyPem: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo (chromium's --ignore-certificate-errors-spki-list). */
  readonly spki: string;
  readonly thumbprintSha256: string;
}

/** A self-signed certificate; `hosts` become subjectAltNames (DNS names or IP addresses). */
export function makeCert(commonName: string, hosts: readonly string[] = []): TestCert {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${createHash('sha1').update(commonName + Math.random()).digest('hex').slice(0, 16)}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'epicor-kinetic-sql tests' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const altNames = hosts.map((h) => (/^[\d.]+$/.test(h) ? { type: 7, ip: h } : { type: 2, value: h }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    ...(altNames.length ? [{ name: 'subjectAltName', altNames }] : []),
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const x509 = new X509Certificate(certPem);
  const spki = createHash('sha256').update(x509.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
  return { certPem, keyPem, spki, thumbprintSha256: x509.fingerprint256.replace(/:/g, '').toLowerCase() };
}

/** The certificate and key as a password-protected PKCS#12 (PFX), DER bytes. */
export function toPfx(cert: TestCert, password: string, extra: readonly TestCert[] = []): Buffer {
  const key = forge.pki.privateKeyFromPem(cert.keyPem);
  const chain = [cert, ...extra].map((c) => forge.pki.certificateFromPem(c.certPem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
