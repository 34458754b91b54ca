/** Fixed catalogues Auth0 publishes in the spec itself: the Actions triggers. */
import { type HandlerTable, ok } from '../handler.js';
import { specIndex } from '../spec-index.js';

export const catalogueHandlers: HandlerTable = {
  get_triggers: () => {
    const ids = (specIndex().doc.components.schemas.ActionTriggerTypeEnum?.enum ?? []).filter((v): v is string => typeof v === 'string');
    return ok({ triggers: ids.map((id) => ({ id })) });
  },
};
