/**
 * Request bodies on the wire: JSON by default, `application/x-www-form-urlencoded` when asked, and
 * `multipart/form-data` for the one users-imports operation (FACTS A5). Every body is encoded to
 * bytes once, up front, so a retried attempt sends exactly the same thing.
 */
export interface MultipartPart {
  name: string;
  /** A file is a Blob (or File); `filename` names it in the part's headers. */
  value: string | Blob;
  filename?: string;
}

export type UpstreamBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, unknown> }
  | { kind: 'multipart'; value: FormData | MultipartPart[] };

export interface EncodedBody {
  bytes: string | Buffer;
  contentType: string;
}

export async function encodeBody(body: UpstreamBody | undefined): Promise<EncodedBody | undefined> {
  if (!body) return undefined;
  switch (body.kind) {
    case 'json':
      return { bytes: JSON.stringify(body.value), contentType: 'application/json' };
    case 'form':
      return { bytes: encodeForm(body.value), contentType: 'application/x-www-form-urlencoded' };
    case 'multipart':
      return encodeMultipart(Array.isArray(body.value) ? toFormData(body.value) : body.value);
  }
}

/** Arrays repeat their key, objects go as JSON text, null and undefined are left out. */
function encodeForm(value: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const text = (item: unknown) => (item !== null && typeof item === 'object' ? JSON.stringify(item) : String(item));
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue;
    if (Array.isArray(item)) for (const one of item) params.append(name, text(one));
    else params.append(name, text(item));
  }
  return params.toString();
}

function toFormData(parts: MultipartPart[]): FormData {
  const form = new FormData();
  for (const part of parts) {
    if (typeof part.value === 'string') form.append(part.name, part.value);
    else form.append(part.name, part.value, part.filename ?? 'file');
  }
  return form;
}

// The platform's Response writes the parts and picks the boundary, which then has to travel in
// the content-type header: so encode through it rather than by hand.
async function encodeMultipart(form: FormData): Promise<EncodedBody> {
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return { bytes: Buffer.from(await encoded.arrayBuffer()), contentType };
}
