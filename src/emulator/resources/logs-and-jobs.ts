/**
 * Logs (offset paging, or checkpoint from a `log_id` with `take`: a plain array, no `next`) and jobs
 * (users imports with the uploaded file, users exports, verification emails), which move from
 * pending to completed after a short time, as Auth0's do.
 */
import { badRequest } from '../errors.js';
import { type HandlerTable, must, ok } from '../handler.js';
import { paginate, project } from '../pagination.js';
import { parseUserQuery, sortUsers } from '../user-search.js';
import { type Job, type Json, type Tenant, now } from '../tenant.js';

export const logAndJobHandlers: HandlerTable = {
  get_logs: ({ tenant, query }) => {
    const from = query.get('from');
    if (from !== null || query.has('take')) {
      const take = Number(query.get('take') ?? 50);
      if (!Number.isInteger(take) || take < 1 || take > 100) throw badRequest("Query validation error: 'take' must be an integer between 1 and 100.", 'invalid_query_string');
      // Checkpoint: log ids grow with time; everything after `from`, oldest first. Other parameters are ignored.
      const start = from ? tenant.logs.findIndex((l) => String(l.log_id) > from) : Math.max(0, tenant.logs.length - take);
      return ok(start < 0 ? [] : tenant.logs.slice(start, start + take).map((l) => project(l, query)));
    }
    let logs = [...tenant.logs].reverse();
    const q = query.get('q');
    if (q) logs = logs.filter(parseUserQuery(q));
    if (query.get('sort')) logs = sortUsers(logs, query.get('sort'));
    return ok(paginate(logs.map((l) => project(l, query)), query, { key: 'logs', withLength: true, maxResults: 1000 }));
  },
  get_logs_by_id: ({ tenant, params }) => ok(must(tenant.logs.find((l) => l.log_id === params.id), 'log event')),

  'post_users-imports': ({ tenant, body, files }) => {
    const file = files.get('users');
    if (!file) throw badRequest("Payload validation error: Missing required property: users", 'invalid_body');
    const connection = must(tenant.connections.get(String(body.connection_id)), 'connection', 'inexistent_connection');
    let users: unknown;
    try {
      users = JSON.parse(file.content.toString('utf8'));
    } catch {
      throw badRequest('Users file must be a JSON array of users.', 'invalid_users_file');
    }
    if (!Array.isArray(users)) throw badRequest('Users file must be a JSON array of users.', 'invalid_users_file');
    const job = newJob(tenant, 'users_import', { connection_id: String(connection.id) });
    job.pendingImport = { users: users as Json[], upsert: String(body.upsert) === 'true', connection: String(connection.name) };
    return ok(publicJob(job, connection), 202);
  },
  'post_users-exports': ({ tenant, body }) => {
    const connection = body.connection_id ? must(tenant.connections.get(String(body.connection_id)), 'connection', 'inexistent_connection') : undefined;
    const job = newJob(tenant, 'users_export', connection ? { connection_id: String(connection.id) } : {});
    job.format = String(body.format ?? 'json');
    // Without a connection_id the export covers every connection.
    return ok({ ...publicJob(job, connection), ...(connection ? {} : { connection: 'all' }) }, 201);
  },
  'post_verification-email': ({ tenant, body }) => {
    must(tenant.users.get(String(body.user_id)), 'user', 'inexistent_user');
    return ok(publicJob(newJob(tenant, 'verification_email')), 201);
  },
  get_jobs_by_id: ({ tenant, params }) => {
    const job = must(tenant.jobs.get(params.id!), 'job', 'inexistent_job');
    advance(tenant, job);
    return ok(publicJob(job, job.connection_id ? tenant.connections.get(job.connection_id) : undefined));
  },
  get_errors: ({ tenant, params }) => {
    const job = must(tenant.jobs.get(params.id!), 'job', 'inexistent_job');
    advance(tenant, job);
    return job.errors.length === 0 ? { status: 204 } : ok(job.errors);
  },
};

function newJob(tenant: Tenant, type: string, extra: Partial<Job> = {}): Job {
  const job: Job = { id: tenant.newId('job_'), type, status: 'pending', created_at: now(), completesAt: Date.now() + tenant.jobDurationMs, errors: [], ...extra };
  tenant.jobs.set(job.id, job);
  return job;
}

/** A job whose time has come completes: an import creates (or, with upsert, updates) its users. */
function advance(tenant: Tenant, job: Job): void {
  if (job.status !== 'pending' || Date.now() < job.completesAt) return;
  const work = job.pendingImport;
  if (work) {
    delete job.pendingImport;
    let inserted = 0;
    let updated = 0;
    work.users.forEach((raw, index) => {
      const email = typeof raw.email === 'string' ? raw.email.toLowerCase() : undefined;
      if (!email) {
        job.errors.push({ user: raw, errors: [{ code: 'MISSING_REQUIRED_PROPERTY', message: 'Missing required property: email', path: `${index}.email` }] });
        return;
      }
      const existing = [...tenant.users.values()].find((u) => u.email === email && (u.identities as Json[])[0]?.connection === work.connection);
      if (existing) {
        if (!work.upsert) {
          job.errors.push({ user: raw, errors: [{ code: 'DUPLICATED_USER', message: 'The user already exists.' }] });
          return;
        }
        Object.assign(existing, raw, { email, updated_at: now() });
        updated++;
        return;
      }
      const raw_id = tenant.newId('', 24);
      const stamp = now();
      tenant.users.set(`auth0|${raw_id}`, {
        ...raw, user_id: `auth0|${raw_id}`, email, email_verified: Boolean(raw.email_verified), created_at: stamp, updated_at: stamp,
        identities: [{ connection: work.connection, provider: 'auth0', user_id: raw_id, isSocial: false }], logins_count: 0,
        name: raw.name ?? email, nickname: raw.nickname ?? email.split('@')[0],
      });
      inserted++;
    });
    job.summary = { failed: job.errors.length, updated, inserted, total: work.users.length };
  }
  if (job.type === 'users_export') job.location = `https://exports.emulator.acme.test/${job.id}.${job.format === 'csv' ? 'csv' : 'json'}.gz`;
  job.status = 'completed';
}

function publicJob(job: Job, connection?: Json): Json {
  const { completesAt: _completesAt, errors: _errors, pendingImport: _pending, ...rest } = job;
  return { ...rest, ...(connection ? { connection: connection.name } : {}) };
}
