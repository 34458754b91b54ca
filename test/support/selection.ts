import { type GraphQLOutputType, getNamedType, isEnumType, isInterfaceType, isObjectType, isScalarType, isUnionType } from 'graphql';

/** A selection of the scalar fields of a type, one level down for connections. */
export function selection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isUnionType(named)) return '{ __typename }';
  // An interface (a union whose members share fields): its shared fields, as for an object.
  if (!isObjectType(named) && !isInterfaceType(named)) return '';
  const fields = Object.values(named.getFields());
  if (fields.some((f) => f.name === 'pageInfo')) {
    const node = getNamedType(fields.find((f) => f.name === 'nodes')!.type);
    return `{ pageInfo { hasNextPage endCursor } nodes ${selection(node) || ''} }`.replace('nodes  }', 'nodes }');
  }
  const leaves = fields.filter((f) => f.args.length === 0 && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)))).map((f) => f.name);
  return `{ __typename ${leaves.join(' ')} }`;
}

