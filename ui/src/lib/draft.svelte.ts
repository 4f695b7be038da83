// What the administrator enters across the wizard screens.

import type {
  AppInfo,
  BrowserOptInRequest,
  ClientCredentialsOptInRequest,
  EnvironmentInput,
  EnvironmentKind,
  Method,
  RouteKind,
} from "./backend";
import { normalizeAccount } from "./validate";

export interface AccountRow {
  id: number;
  value: string;
}

let nextRowId = 1;

export class WizardDraft {
  /** The Welcome screen's three prerequisite ticks. */
  checklist = $state([false, false, false]);
  environment = $state<EnvironmentKind>("cie");
  customUrl = $state("");
  method = $state<Method>("browser");
  label = $state("");
  clientId = $state("");
  clientSecret = $state("");
  route = $state<RouteKind>("deep_link");
  bounceUrl = $state("");
  pkceBody = $state(false);
  accounts = $state<AccountRow[]>([]);

  /** In demo mode the offline sandbox is pre-selected. */
  constructor(demo: boolean) {
    if (demo) this.environment = "sandbox";
  }

  addAccount(value = ""): AccountRow {
    const row = { id: nextRowId++, value };
    this.accounts.push(row);
    return row;
  }

  removeAccount(id: number): void {
    this.accounts = this.accounts.filter((r) => r.id !== id);
  }

  environmentInput(): EnvironmentInput {
    return {
      kind: this.environment,
      url: this.environment === "custom" ? this.customUrl.trim() : null,
    };
  }

  /** Non-empty, normalized account numbers. */
  accountNumbers(): string[] {
    return this.accounts.map((r) => normalizeAccount(r.value)).filter((v) => v !== "");
  }

  /**
   * The redirect URI to register at UPS for the chosen route, as the core says
   * (`AppInfo.route_redirects`); the bounce route's is the page the admin
   * enters ("" while it is empty).
   */
  redirectUri(info: AppInfo): string {
    const fixed = info.route_redirects.find((r) => r.route === this.route)?.redirect_uri;
    return fixed ?? this.bounceUrl.trim();
  }

  browserRequest(): BrowserOptInRequest {
    return {
      environment: this.environmentInput(),
      label: this.label.trim(),
      client_id: this.clientId,
      client_secret: this.clientSecret,
      route: this.route,
      bounce_url: this.route === "bounce" ? this.bounceUrl.trim() : null,
      pkce_body: this.pkceBody,
      accounts: this.accountNumbers(),
    };
  }

  clientCredentialsRequest(): ClientCredentialsOptInRequest {
    return {
      environment: this.environmentInput(),
      label: this.label.trim(),
      client_id: this.clientId,
      client_secret: this.clientSecret,
      accounts: this.accountNumbers(),
    };
  }
}
