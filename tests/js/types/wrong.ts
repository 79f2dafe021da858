// Wrong uses of the generated glue: this file must NOT type-check, and each line marked
// `error TSnnnn` must give exactly that error (tests/js/types.test.mjs). It is never run.
import { checkToken, contextProvider, createTokenSource, ErrorCode, type ChatContext } from '../../glue/chat_context.js';

const { context } = checkToken('eyJ...');
const value: string | undefined = context.msdyn_cartvalu; // error TS2551
const other: unknown = context.cart_value; // error TS2339
const made: ChatContext = { msdyn_cartvalue: '10000', msdyn_isvip: 'false', loyalty_points: '12' }; // error TS2353
const typo: ChatContext = { msdyn_cartvalue: '10000', msdyn_isvip: 'false', msdyn_isVip: 'false' }; // error TS2561
const missing: ChatContext = { msdyn_cartvalue: '10000' }; // error TS2741
contextProvider(() => ({ msdyn_cartvalue: 10000, msdyn_isvip: 'false' })); // error TS2322
createTokenSource({ url: '/token', fetchToken: async () => null }); // error TS2345
const code: 5 = ErrorCode.NoToken; // error TS2322
void [value, other, made, typo, missing, code];
