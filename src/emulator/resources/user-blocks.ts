/**
 * Brute-force blocks. The emulator does not model failed logins, so no user is ever blocked:
 * every lookup answers an empty `blocked_for`, and unblocking succeeds with nothing to do.
 */
import { badRequest } from '../errors.js';
import { type HandlerTable, must, noContent, ok } from '../handler.js';

export const userBlockHandlers: HandlerTable = {
  'get_user-blocks_by_id': ({ tenant, params }) => {
    must(tenant.users.get(params.id!), 'user', 'inexistent_user');
    return ok({ blocked_for: [] });
  },
  'get_user-blocks': ({ query }) => {
    if (!query.get('identifier')) throw badRequest('Query validation error: Missing required property: identifier', 'invalid_query_string');
    return ok({ blocked_for: [] });
  },
  'delete_user-blocks_by_id': ({ tenant, params }) => {
    must(tenant.users.get(params.id!), 'user', 'inexistent_user');
    return noContent();
  },
  'delete_user-blocks': ({ query }) => {
    if (!query.get('identifier')) throw badRequest('Query validation error: Missing required property: identifier', 'invalid_query_string');
    return noContent();
  },
};
