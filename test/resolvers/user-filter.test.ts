import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { compileUserFilter, userSearchQuery } from '../../src/resolvers/user-filter.js';

const refusal = (run: () => unknown): GraphQLError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
};

describe('users filter → Lucene q', () => {
  it('quotes every value and escapes quotes and backslashes, so no value adds a clause', () => {
    expect(compileUserFilter({ email: 'a"b@x.test' })).toEqual(['email:"a\\"b@x.test"']);
    expect(compileUserFilter({ nickname: 'back\\slash' })).toEqual(['nickname:"back\\\\slash"']);
    const hostile = compileUserFilter({ username: '" OR user_id:* OR "' });
    expect(hostile).toEqual(['username:"\\" OR user_id:* OR \\""']);
    // Lucene specials outside `"` and `\` are inert inside a phrase and left as they are.
    expect(compileUserFilter({ name: 'a+b && (c) || d:*?~^[]{}!/' })).toEqual(['name:"a+b && (c) || d:*?~^[]{}!/"']);
  });

  it('ORs connections in one group and ANDs everything else', () => {
    expect(userSearchQuery({ connection: ['google-oauth2', 'acme-saml', 'google-oauth2'], blocked: false, emailVerified: true }, undefined))
      .toBe('identities.connection:("google-oauth2" OR "acme-saml") AND email_verified:true AND blocked:false');
  });

  it('maps app_metadata paths and values, equals or anyOf', () => {
    expect(compileUserFilter({ appMetadata: [{ path: 'plan', equals: 'pro' }, { path: 'subscription.tier', anyOf: ['gold', 'pla"tinum'] }] }))
      .toEqual(['app_metadata.plan:"pro"', 'app_metadata.subscription.tier:("gold" OR "pla\\"tinum")']);
  });

  it('ANDs the raw q as a group, so its ORs stay inside it', () => {
    expect(userSearchQuery({ email: 'a@b.test' }, 'name:x OR name:y')).toBe('(name:x OR name:y) AND email:"a@b.test"');
    expect(userSearchQuery({}, 'name:x')).toBe('name:x');
    expect(userSearchQuery(null, undefined)).toBeUndefined();
    expect(userSearchQuery({ emailDomain: 'acme.test' }, '  ')).toBe('email.domain:"acme.test"');
  });

  it('refuses bad values with BAD_USER_INPUT', () => {
    expect(refusal(() => compileUserFilter({ appMetadata: [{ path: 'plan OR x', equals: 'pro' }] })).message).toMatch(/appMetadata\[0\]\.path/);
    expect(refusal(() => compileUserFilter({ appMetadata: [{ path: 'plan' }] })).message).toMatch(/exactly one of equals and anyOf/);
    expect(refusal(() => compileUserFilter({ appMetadata: [{ path: 'plan', equals: 'a', anyOf: ['b'] }] })).message).toMatch(/exactly one/);
    expect(refusal(() => compileUserFilter({ connection: ['bad name'] })).message).toMatch(/not a connection name/);
    expect(refusal(() => compileUserFilter({ connection: [] })).message).toMatch(/at least one/);
    expect(refusal(() => compileUserFilter({ email: ' ' })).message).toMatch(/email must not be empty/);
    expect(refusal(() => compileUserFilter({ nickname: 'a\nb' })).message).toMatch(/control characters/);
    expect(refusal(() => compileUserFilter({ emailDomain: 'a@b.test' })).message).toMatch(/without it/);
  });

  it('refuses a query over the length Auth0 accepts', () => {
    const connection = Array.from({ length: 40 }, (_, i) => `connection-number-${i}`);
    expect(() => userSearchQuery({ connection }, undefined, 3000)).not.toThrow();
    const error = refusal(() => userSearchQuery({ connection }, undefined, 500));
    expect(error.message).toMatch(/over the 500/);
    expect(error.extensions.maxLength).toBe(500);
  });
});
