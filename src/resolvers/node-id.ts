/**
 * Global object ids (Relay `Node.id`): `base64url("TypeName:key")`, e.g. `User:auth0|65f…` →
 * `VXNlcjphdXRoMHw2NWYu…`. Opaque to clients (they must not build or parse them), unique across
 * the graph because the type is part of it, stable as long as the type name and Auth0's key are.
 * Decoding is strict: only the canonical encoding of a `Type:key` with a non-empty key is an id.
 */
import { GraphQLError } from 'graphql';

export interface DecodedNodeId {
  type: string;
  key: string;
}

const TYPE_NAME = /^[A-Z][_0-9A-Za-z]*$/;
/** Longest id accepted (Auth0 keys are far shorter); longer input is refused before decoding. */
const MAX_ID_LENGTH = 1024;

export function encodeNodeId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** The type and key of a global id, or undefined when it is not one (malformed). */
export function tryDecodeNodeId(id: unknown): DecodedNodeId | undefined {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || !/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (!TYPE_NAME.test(type) || key === '' || encodeNodeId(type, key) !== id) return undefined;
  return { type, key };
}

/**
 * The type and key of a global id naming one of `types`: BAD_USER_INPUT when malformed,
 * NOT_FOUND when it names a type that is not an entity here. Nothing is called either way.
 */
export function decodeNodeId(id: unknown, types: ReadonlySet<string>): DecodedNodeId {
  const decoded = tryDecodeNodeId(id);
  if (!decoded) {
    throw new GraphQLError(`${JSON.stringify(typeof id === 'string' ? id.slice(0, 80) : id)} is not a Node id: use the \`id\` of an object this graph returned.`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
    });
  }
  if (!types.has(decoded.type)) {
    throw new GraphQLError(`No object has this id: this graph has no entity type ${decoded.type}.`, { extensions: { code: 'NOT_FOUND' } });
  }
  return decoded;
}
