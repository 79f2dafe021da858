// Every export of the generated glue, used as a page would use it: this file must type-check
// with `tsc --strict --noEmit` (tests/js/types.test.mjs). It is never run.
import {
  AuthTokenError,
  ErrorCode,
  authClientFunction,
  chatSdkGetAuthToken,
  checkToken,
  contextProvider,
  contextVariables,
  createTokenSource,
  encoding,
  installAuthTokenProvider,
  type AuthTokenErrorDetails,
  type ChatContext,
  type CheckedToken,
  type ContextVariable,
  type HeldToken,
  type InstalledProvider,
  type LiveChatWidgetSdk,
  type ProvidedContext,
  type TokenSource,
  type TokenWarning,
} from '../../glue/chat_context.js';
import * as shop from '../../glue/shop.js';

/** Checks at compile time that a value has exactly type T. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T>(_value: T): void {}
function assertTrue<_T extends true>(): void {}

// The schema and the encoding.
const variables: readonly ContextVariable[] = contextVariables;
for (const variable of variables) {
  const name: keyof ChatContext = variable.name;
  const kind: 'text' | 'number' = variable.kind;
  const flags: boolean = variable.optional && variable.displayable;
  const doc: string = variable.doc;
  void [name, kind, flags, doc];
}
assertTrue<Equal<typeof encoding, 'string'>>();
assertTrue<Equal<typeof shop.encoding, 'native'>>();

// Error codes.
assertTrue<Equal<ErrorCode, 1 | 2 | 3 | 4>>();
const codes: readonly ErrorCode[] = [ErrorCode.ContextProviderFailed, ErrorCode.ProviderFailed, ErrorCode.NoToken, ErrorCode.InvalidToken];
assertTrue<Equal<typeof ErrorCode.NoToken, 3>>();
void codes;

// checkToken: the context typed by the encoding, each variable as the token may carry it.
const checked: CheckedToken = checkToken('eyJ...', { now: 1_800_000_000 });
checkToken(null);
const cart: string | undefined = checked.context.msdyn_cartvalue;
const tier: string | undefined = checked.context.msdyn_tier;
const page: string | undefined = checked.context['Cart page (URL)'];
const expiresAt: number = checked.expiresAt;
const warnings: readonly TokenWarning[] = checked.warnings;
for (const warning of warnings) expectType<string>(warning.rule + warning.message);
const shopContext: Readonly<Partial<shop.Shop>> = shop.checkToken('eyJ...').context;
const cents: number | undefined = shopContext.msdyn_cartvalue;
const vip: boolean | undefined = shopContext.msdyn_isvip;
void [cart, tier, page, expiresAt, cents, vip];

// AuthTokenError.
try {
  checkToken('');
} catch (error) {
  if (error instanceof AuthTokenError) {
    const code: ErrorCode = error.code;
    const message: string = error.message;
    const reason: string = error.reason;
    const rule: string | null = error.rule;
    const rules: readonly string[] = error.rules;
    const reasons: readonly string[] = error.reasons;
    const tail: string = error.tokenTail;
    if (error.code === ErrorCode.NoToken) expectType<3>(error.code);
    void [code, message, reason, rule, rules, reasons, tail];
  }
}
const details: AuthTokenErrorDetails = { rule: 'expired', cause: new Error('x'), tokenTail: 'abc' };
const made: Error = new AuthTokenError(ErrorCode.ProviderFailed, 'the token URL answered HTTP 500', details);
void made;

// Token sources.
const fromUrl: TokenSource = createTokenSource({ url: '/chat/token', fetchInit: { credentials: 'include' }, refreshMarginSeconds: 120, timeoutMs: 5000 });
const fromUrlObject = createTokenSource({ url: new URL('https://contoso.example/chat/token'), fetch: (input, init) => fetch(input, init) });
const fromFunction = createTokenSource({
  fetchToken: async ({ signal }) => {
    const response = await fetch('/chat/token', { signal });
    return response.ok ? response.text() : null;
  },
  now: () => Date.now() / 1000,
});
const synchronous = createTokenSource({ fetchToken: () => null });
async function sources(): Promise<void> {
  const token: string = await fromUrl.getToken();
  const held: HeldToken | null = fromFunction.peek();
  if (held) expectType<number>(held.refreshAt - held.expiresAt);
  fromUrlObject.clear();
  void [token, synchronous];
}
void sources;

// Route 1: setAuthTokenProvider.
const installed: InstalledProvider = installAuthTokenProvider(fromUrl, {
  onError: (error) => console.warn(`chat sign-in failed (${error.code}): ${error.reason}`),
});
installed.ready.then(() => installed.refresh()).finally(() => installed.stop());
const sdk: LiveChatWidgetSdk = { setAuthTokenProvider: (provider) => provider((token) => void token) };
installAuthTokenProvider(fromUrl, { sdk, window });

// Route 2: the JavaScript client function the chat settings name.
const auth = { getAuthenticationToken: authClientFunction(fromUrl, { onError: (error) => void error.code }) };
auth.getAuthenticationToken((token: string | null) => void token);
(window as unknown as { auth: typeof auth }).auth = auth;

// Route 3: the chat SDK's config and the React widget's prop.
const getAuthToken: (...args: unknown[]) => Promise<string | null> = chatSdkGetAuthToken(fromUrl);
const chatSDKConfig = { getAuthToken };
getAuthToken('auth.getAuthenticationToken', { isMidAuthEnabled: false }).then((token) => expectType<string | null>(token));
void chatSDKConfig;

// The custom context.
const provide: () => ProvidedContext = contextProvider(() => ({ msdyn_cartvalue: '10000', msdyn_isvip: 'false', msdyn_tier: 'gold' }));
const provided = provide();
const displayed: boolean | undefined = provided.msdyn_cartvalue?.isDisplayable;
const value: string | undefined = provided.msdyn_tier?.value;
const shopProvider = shop.contextProvider(() => ({ msdyn_cartvalue: 10000, msdyn_isvip: true }));
const shopValue: number | undefined = shopProvider().msdyn_cartvalue?.value;
void [displayed, value, shopValue];
