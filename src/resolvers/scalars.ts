/**
 * The schema's scalars: JSON and DateTime from graphql-scalars; Upload for the multipart file
 * (Yoga hands resolvers a `File`); and the scalar unions such as `IntOrString` (an OpenAPI oneOf
 * of scalars), which accept exactly the listed built-in kinds.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

const KIND_CHECKS: Record<string, (value: unknown) => boolean> = {
  String: (v) => typeof v === 'string',
  Int: (v) => Number.isInteger(v),
  Float: (v) => typeof v === 'number' && Number.isFinite(v),
  Boolean: (v) => typeof v === 'boolean',
  DateTime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
};

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING: return node.value;
    case Kind.INT: return Number.parseInt(node.value, 10);
    case Kind.FLOAT: return Number.parseFloat(node.value);
    case Kind.BOOLEAN: return node.value;
    default: return undefined;
  }
}

export function scalarUnion(name: string, accepts: string[]): GraphQLScalarType {
  const check = (value: unknown): unknown => {
    if (accepts.some((kind) => KIND_CHECKS[kind]?.(value))) return value;
    throw new GraphQLError(`${name} expects one of ${accepts.join(', ')}; got ${JSON.stringify(value)}`);
  };
  return new GraphQLScalarType({
    name,
    description: `A value that is one of: ${accepts.join(', ')}.`,
    serialize: check,
    parseValue: check,
    parseLiteral: (node) => check(literal(node)),
  });
}

export const UploadScalar = new GraphQLScalarType({
  name: 'Upload',
  description: 'A file sent with the GraphQL multipart request specification.',
  serialize: () => {
    throw new GraphQLError('Upload is an input-only scalar');
  },
  parseValue: (value) => {
    // Yoga hands over its own File implementation: accept anything shaped like a Blob.
    if (isBlobLike(value)) return value;
    throw new GraphQLError('Upload expects a file sent as a multipart request part');
  },
  parseLiteral: () => {
    throw new GraphQLError('Upload cannot be written inline: send the file as a multipart request part');
  },
});

export interface BlobLike {
  arrayBuffer(): Promise<ArrayBuffer>;
  type: string;
  name?: string;
}

export function isBlobLike(value: unknown): value is BlobLike {
  return typeof value === 'object' && value !== null && typeof (value as BlobLike).arrayBuffer === 'function' && typeof (value as BlobLike).type === 'string';
}

export function scalarResolvers(scalarUnions: Record<string, string[]>): Record<string, GraphQLScalarType> {
  return {
    JSON: JSONResolver,
    DateTime: DateTimeAsString,
    Upload: UploadScalar,
    ...Object.fromEntries(Object.entries(scalarUnions).map(([name, accepts]) => [name, scalarUnion(name, accepts)])),
  };
}

/**
 * graphql-scalars' DateTime checks the format; Auth0's own strings go back out untouched (no
 * reformatting to a Date and back, which would change precision).
 */
const DateTimeAsString = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize: (value) => (typeof value === 'string' ? value : DateTimeResolver.serialize(value)),
  parseValue: (value) => {
    const parsed = DateTimeResolver.parseValue(value) as Date;
    return typeof value === 'string' ? value : parsed.toISOString();
  },
  parseLiteral: (node, variables) => {
    const parsed = DateTimeResolver.parseLiteral(node, variables) as Date;
    return node.kind === Kind.STRING ? node.value : parsed.toISOString();
  },
});
