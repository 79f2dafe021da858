// The wasm front end's exports (examples/wasm_frontend, with lwicontext's wasm glue), used as a
// page would use them: this file must type-check under `tsc --strict` against the .d.ts that
// wasm-bindgen writes (tests/js/wasm-module.test.mjs copies both next to each other). Never run.
import init, {
  AuthTokenProvider,
  TokenSource,
  authClientFunction,
  chatSdkGetAuthToken,
  checkToken,
  getAuthToken,
  handOver,
  installAuthTokenProvider,
  installClientFunction,
  type AuthTokenError,
  type CheckedToken,
} from './wasm_frontend.js';

/** Checks at compile time that a value has exactly type T. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertTrue<_T extends true>(): void {}

export async function page(source: TokenSource): Promise<void> {
  await init();
  const provider: AuthTokenProvider = await handOver('/chat/token');
  await provider.refresh();
  provider.stop();

  const installed = installAuthTokenProvider(source, (error) => {
    assertTrue<Equal<typeof error.code, 2 | 3 | 4>>();
    assertTrue<Equal<typeof error.rule, string | null>>();
    const tail: string = error.tokenTail;
    void tail;
  });
  await installed.ready();
  installAuthTokenProvider(source, undefined).stop();

  const token: string = await source.getToken();
  source.clear();
  void token;

  const clientFunction = authClientFunction(source);
  clientFunction((given) => {
    assertTrue<Equal<typeof given, string | null>>();
  });
  const fromSdk: string | null = await chatSdkGetAuthToken(source)();
  const fromExample: string | null = await getAuthToken('/chat/token')();
  void fromSdk;
  void fromExample;
  installClientFunction('/chat/token', 'getAuthenticationToken');

  const checked: CheckedToken = checkToken('eyJ…');
  const expiresAt: number | null = checked.expiresAt;
  const cart = checked.context['msdyn_cartvalue'];
  assertTrue<Equal<typeof cart, string | number | boolean | undefined>>();
  const rules: string[] = checked.warnings.map((warning) => warning.rule);
  void expiresAt;
  void rules;

  try {
    checkToken('');
  } catch (thrown) {
    const error = thrown as AuthTokenError;
    const reasons: string[] = error.reasons;
    void reasons;
  }
}
