/**
 * The engine's link to the SIP server: one sip.js `UserAgent` (WebSocket
 * transport) and one `Registerer`, kept up by domain code rather than by
 * sip.js: after a drop the transport is reconnected with capped, jittered
 * backoff (`backoffDelay`) and the registration renewed; a refused REGISTER is
 * retried the same way and asks the host for a fresh credential. Calls are
 * not touched here: a drop never ends a call (the engine refreshes calls in
 * progress once the transport is back).
 */
import { Registerer, RegistererState, SIPExtension, UserAgent, type Invitation, type Web } from 'sip.js';
import { backoffDelay, DEFAULT_RECONNECT, type PhoneConfig, type Registration, type SipCredential } from '../../../../src-shared/calls';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string) => void;

export type ConnectionDeps = {
  now: () => number;
  random: () => number;
  log: Logger;
  /** Makes each call's media (engine: session-media.ts, which uses the chosen microphone). */
  sessionDescriptionHandlerFactory: Web.SessionDescriptionHandlerFactory;
  onInvite: (invitation: Invitation) => void;
  onRegistration: (r: Registration) => void;
  onCredentialsNeeded: (e: { reason: 'expiring' | 'rejected' | 'missing'; expiresAt?: number }) => void;
  /** The transport came back after a drop and we registered again. */
  onReconnected: () => void;
};

/** Ask for a new credential this long before the current one expires (or a tenth of its life, if shorter). */
const RENEW_BEFORE_MS = 120_000;
/** A registration refresh on wake that gets no answer within this long means the socket is dead. */
const WAKE_WATCHDOG_MS = 5000;

export class Connection {
  ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private config: PhoneConfig | undefined;
  private credential: SipCredential | undefined;
  private state: Registration;
  private wanted = false;
  private connecting = false;
  private registering = false;
  private attempt = 0;
  private lostTransport = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: ConnectionDeps) {
    this.state = { status: 'stopped', since: deps.now() };
  }

  get registration(): Registration {
    return this.state;
  }

  get domain(): string | undefined {
    return this.config ? UserAgent.makeURI(this.config.aor)?.host : undefined;
  }

  get running(): boolean {
    return this.wanted;
  }

  /** True when requests can be sent now (the transport is up). */
  get connected(): boolean {
    return !!this.ua && this.ua.isConnected();
  }

  configure(config: PhoneConfig): void {
    this.config = config;
  }

  setCredential(c: SipCredential): void {
    this.credential = c;
    if (this.ua) {
      this.ua.configuration.authorizationUsername = c.username;
      this.ua.configuration.authorizationPassword = c.password;
    }
    this.scheduleRenewal();
    // refused or missing before: try again now with the new one
    if (this.wanted && this.state.status === 'down' && this.state.reason !== 'transport' && this.connected) {
      this.clearRetry();
      void this.register();
    }
  }

  /** Connects and registers; from then on stays registered until {@link stop}. */
  async start(): Promise<void> {
    if (!this.config) throw new Error('not configured');
    if (!this.credential) throw new Error('no credential');
    this.wanted = true;
    if (!this.ua) this.ua = this.makeUserAgent(this.config, this.credential);
    this.attempt = 0;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    this.clearRetry();
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const ua = this.ua;
    const reg = this.registerer;
    this.ua = undefined;
    this.registerer = undefined;
    if (reg?.state === RegistererState.Registered && ua?.isConnected()) {
      await Promise.race([reg.unregister().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    }
    await ua?.stop().catch(() => undefined);
    this.set({ status: 'stopped', since: this.deps.now() });
  }

  /** The machine woke or the network changed: reconnect now if down, else prove the socket alive by re-registering. */
  wake(): void {
    if (!this.wanted) return;
    if (!this.connected) {
      this.clearRetry();
      this.attempt = 0;
      void this.connect();
      return;
    }
    const watchdog = setTimeout(() => {
      this.deps.log('warn', 'no answer to REGISTER after wake: dropping the transport');
      void this.ua?.transport.disconnect();
    }, WAKE_WATCHDOG_MS);
    void this.register().finally(() => clearTimeout(watchdog));
  }

  private set(r: Registration): void {
    this.state = r;
    this.deps.onRegistration(r);
  }

  private makeUserAgent(config: PhoneConfig, cred: SipCredential): UserAgent {
    const uri = UserAgent.makeURI(config.aor);
    if (!uri) throw new Error(`bad AOR ${config.aor}`);
    const log = this.deps.log;
    return new UserAgent({
      uri,
      displayName: config.displayName ?? '',
      transportOptions: { server: config.wsUrl, connectionTimeout: 5 },
      authorizationUsername: cred.username,
      authorizationPassword: cred.password,
      userAgentString: 'Firstline',
      sipExtensionReplaces: SIPExtension.Supported,
      logBuiltinEnabled: false,
      logConfiguration: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => log(level === 'log' ? 'info' : level, `${category}: ${content}`),
      sessionDescriptionHandlerFactory: this.deps.sessionDescriptionHandlerFactory,
      sessionDescriptionHandlerFactoryOptions: {
        // the desk's servers only: sip.js's default is Google's public STUN server
        peerConnectionConfiguration: { iceServers: config.iceServers },
        iceGatheringTimeout: config.iceGatheringTimeoutMs ?? 500,
      },
      delegate: {
        onInvite: (inv) => this.deps.onInvite(inv),
        onDisconnect: (error) => this.onTransportLost(error),
      },
    });
  }

  private onTransportLost(error?: Error): void {
    if (!this.wanted) return;
    this.deps.log('warn', `transport lost${error ? `: ${error.message}` : ''}`);
    this.lostTransport = true;
    if (this.connecting) return; // connect() schedules its own retry
    this.retry('transport');
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Schedules the next attempt with capped, jittered backoff. */
  private retry(reason: 'transport' | 'rejected' | 'credentials', sipStatus?: number): void {
    if (!this.wanted) return;
    this.clearRetry();
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.deps.random(), this.config?.reconnect ?? DEFAULT_RECONNECT);
    const down: Registration = { status: 'down', since: this.deps.now(), reason, attempt: this.attempt, retryInMs: delay };
    if (sipStatus !== undefined) down.sipStatus = sipStatus;
    this.set(down);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (reason === 'transport' || !this.connected) void this.connect();
      else void this.register();
    }, delay);
  }

  private async connect(): Promise<void> {
    const ua = this.ua;
    if (!this.wanted || !ua || this.connecting) return;
    this.connecting = true;
    this.set({ status: 'connecting', since: this.deps.now(), attempt: this.attempt });
    try {
      if (ua.state === 'Started') await ua.reconnect();
      else await ua.start();
    } catch (e) {
      this.connecting = false;
      this.deps.log('info', `connect failed: ${e instanceof Error ? e.message : String(e)}`);
      this.retry('transport');
      return;
    }
    this.connecting = false;
    if (!this.wanted || ua !== this.ua) return;
    const wasLost = this.lostTransport;
    this.lostTransport = false;
    if ((await this.register()) && wasLost) this.deps.onReconnected();
  }

  /** Sends a REGISTER; resolves true once registered. */
  private async register(): Promise<boolean> {
    const ua = this.ua;
    if (!this.wanted || !ua) return false;
    if (!this.credential) {
      this.set({ status: 'down', since: this.deps.now(), reason: 'credentials', attempt: this.attempt });
      this.deps.onCredentialsNeeded({ reason: 'missing' });
      return false;
    }
    if (this.registering) return false;
    this.registering = true;
    try {
      if (!this.registerer) {
        const reg = new Registerer(ua, { expires: this.config?.registerExpiresSeconds ?? 600 });
        reg.stateChange.addListener((s) => {
          // a refresh the registrar refused (e.g. the credential expired): retry with backoff
          if (s === RegistererState.Unregistered && this.wanted && this.registerer === reg && this.state.status === 'registered') this.retry('rejected');
        });
        this.registerer = reg;
      }
      const reg = this.registerer;
      this.set({ status: 'registering', since: this.deps.now() });
      const outcome = await new Promise<{ ok: true } | { ok: false; status?: number }>((resolve) => {
        reg
          .register({
            requestDelegate: {
              onAccept: () => resolve({ ok: true }),
              onReject: (r) => resolve({ ok: false, status: r.message.statusCode }),
            },
          })
          // RequestPendingError (a refresh is out) or a dead transport: retried with backoff below
          .catch(() => resolve({ ok: false }));
      });
      if (!this.wanted || reg !== this.registerer) return false;
      if (outcome.ok) {
        this.attempt = 0;
        this.set({ status: 'registered', since: this.deps.now() });
        return true;
      }
      const status = outcome.status;
      if (status === 401 || status === 403 || status === 407) {
        this.deps.onCredentialsNeeded(this.credential.expiresAt === undefined ? { reason: 'rejected' } : { reason: 'rejected', expiresAt: this.credential.expiresAt });
        this.retry('rejected', status);
      } else if (status === undefined && !this.connected) {
        if (!this.retryTimer && !this.connecting) this.retry('transport');
      } else {
        this.retry('rejected', status);
      }
      return false;
    } finally {
      this.registering = false;
    }
  }

  private scheduleRenewal(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const exp = this.credential?.expiresAt;
    if (exp === undefined) return;
    const life = exp - this.deps.now();
    const at = Math.max(0, life - Math.min(RENEW_BEFORE_MS, life / 10));
    // setTimeout caps at ~24.8 days; credentials live far shorter
    this.expiryTimer = setTimeout(() => this.deps.onCredentialsNeeded({ reason: 'expiring', expiresAt: exp }), Math.min(at, 2 ** 31 - 1));
  }
}
