import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import type { Config } from '../config/types.ts';
import { KineticPropertyError } from '../errors.ts';

/** A client certificate as msal-node takes it (`auth.clientCertificate`). */
export interface ClientCertificate {
  /** Unencrypted PKCS#8 PEM private key. */
  readonly privateKey: string;
  /** SHA-256 thumbprint of the certificate, hex. */
  readonly thumbprintSha256: string;
  /** The certificate (PEM), sent as x5c so that Azure AD can do subject-name/issuer authentication. */
  readonly x5c: string;
  /** The chosen certificate's subject, for messages. */
  readonly subject: string;
}

type CertSettings = Pick<Config, 'oauthJWTCert' | 'oauthJWTCertType' | 'oauthJWTCertPassword' | 'oauthJWTCertSubject'>;

/**
 * Reads OAuthJWTCert as OAuthJWTCertType says: PEMKEY_FILE or PEMKEY_BLOB (certificate and private key in
 * PEM, the key possibly encrypted with OAuthJWTCertPassword), PFXFILE or PFXBLOB (PKCS#12, read with
 * node-forge; a blob is base64). OAuthJWTCertSubject picks the certificate: `*` the first, otherwise the
 * first whose subject contains it (`CN=app` or `app`), case-insensitively.
 *
 * @example
 * ```ts
 * const cert = loadClientCertificate({ oauthJWTCert: '/etc/app.pfx', oauthJWTCertType: 'PFXFILE', oauthJWTCertPassword: 'pw', oauthJWTCertSubject: '*' });
 * cert.thumbprintSha256; // '9f86d0...'
 * ```
 */
export function loadClientCertificate(settings: CertSettings): ClientCertificate {
  const source = settings.oauthJWTCert;
  const type = settings.oauthJWTCertType;
  if (!source || !type) throw certError('OAuthJWTCert and OAuthJWTCertType must both be set to use a certificate.');
  const { certs, keys } = type.startsWith('PFX') ? readPfx(source, type === 'PFXFILE', settings.oauthJWTCertPassword) : readPem(source, type === 'PEMKEY_FILE', settings.oauthJWTCertPassword);
  const cert = pick(certs, settings.oauthJWTCertSubject);
  const key = keys.find((k) => cert.checkPrivateKey(k));
  if (key === undefined) throw certError(`OAuthJWTCert holds no private key for the certificate "${cert.subject}": include the key in the PEM or PFX.`);
  return {
    privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha256: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
    x5c: cert.toString(),
    subject: cert.subject.replace(/\n/g, ', '),
  };
}

type Parsed = { certs: X509Certificate[]; keys: ReturnType<typeof createPrivateKey>[] };

function readPem(source: string, isFile: boolean, password?: string): Parsed {
  const text = isFile ? readText(source) : source;
  const certs = [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => new X509Certificate(m[0]));
  const keys = [...text.matchAll(/-----BEGIN ((?:ENCRYPTED |RSA |EC )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/g)].map((m) => {
    try {
      return createPrivateKey(password ? { key: m[0], passphrase: password } : { key: m[0] });
    } catch (err) {
      throw certError('The private key in OAuthJWTCert cannot be read: set OAuthJWTCertPassword to its password (or check the PEM).', err);
    }
  });
  return { certs, keys };
}

function readPfx(source: string, isFile: boolean, password: string | undefined): Parsed {
  let der: string;
  try {
    der = isFile ? readFileSync(source).toString('binary') : Buffer.from(source.replace(/\s+/g, ''), 'base64').toString('binary');
  } catch (err) {
    throw certError(`OAuthJWTCert: cannot read the PFX file ${source}.`, err);
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password ?? '');
  } catch (err) {
    throw certError('OAuthJWTCert is not a PKCS#12 (PFX) file, or OAuthJWTCertPassword is wrong.', err);
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const certs = bags(forge.pki.oids.certBag!).flatMap((b) => (b.cert ? [new X509Certificate(forge.pki.certificateToPem(b.cert))] : []));
  const keys = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)].flatMap((b) =>
    b.key ? [createPrivateKey(forge.pki.privateKeyToPem(b.key as forge.pki.rsa.PrivateKey))] : [],
  );
  return { certs, keys };
}

function pick(certs: readonly X509Certificate[], subject: string): X509Certificate {
  if (certs.length === 0) throw certError('OAuthJWTCert holds no certificate: it must contain the certificate and its private key.');
  if (subject === '*' || subject.trim() === '') return certs[0]!;
  const wanted = subject.toLowerCase();
  const found = certs.find((c) => c.subject.replace(/\n/g, ', ').toLowerCase().includes(wanted));
  if (found) return found;
  throw certError(`No certificate in OAuthJWTCert has the subject "${subject}" (found: ${certs.map((c) => c.subject.replace(/\n/g, ', ')).join('; ')}): set OAuthJWTCertSubject to * or to one of them.`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw certError(`OAuthJWTCert: cannot read the PEM file ${path}.`, err);
  }
}

function certError(message: string, cause?: unknown): KineticPropertyError {
  return new KineticPropertyError('EPROPERTY', message, { name: 'OAuthJWTCert', ...(cause === undefined ? {} : { cause }) });
}
