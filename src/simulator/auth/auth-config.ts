import type { EpicorTokens } from './epicor-tokens.ts';
import type { AzureAdVerifier } from './azure-ad.ts';

/** A user the simulator accepts with Basic authentication or at TokenResource.svc. */
export interface SimUser {
  readonly user: string;
  readonly password: string;
}

/** Everything the authentication checks need. */
export interface AuthConfig {
  readonly users: readonly SimUser[];
  readonly apiKeys: readonly string[];
  readonly requireApiKeyOnV1: boolean;
  readonly tokens: EpicorTokens;
  readonly azureAd?: AzureAdVerifier;
}
