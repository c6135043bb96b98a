// The client models, one module each: adding a client is adding a module and a line here (and its kind to
// CLIENT_KINDS in model.ts).
import type { ClientModel } from './model';
import { fetchModel, nodeFetchModel, undiciFetchModel } from './fetch';
import { kyModel } from './ky';
import { ofetchModel } from './ofetch';
import { axiosModel } from './axios';
import { gotModel } from './got';
import { superagentModel } from './superagent';
import { needleModel } from './needle';
import { requestModel } from './request';
import { nodeHttpModel } from './node-http';
import { undiciRequestModel } from './undici-request';
import { openapiFetchModel } from './openapi-fetch';
import { wretchModel } from './wretch';
import { redaxiosModel } from './redaxios';
import { bentModel } from './bent';
import { phinModel } from './phin';
import { activepiecesModel } from './activepieces';
import { n8nModel } from './n8n';
import { pipedreamModel } from './pipedream';
import { zapierModel } from './zapier';
import { appmixerModel } from './appmixer';
import { friggModel } from './frigg';
import { httpHelperModel } from './http-helper';

/** Every client model, in a stable order (models recognised by their arguments are tried in this order too). */
export const CLIENT_MODELS: ClientModel[] = [
  fetchModel,
  nodeFetchModel,
  undiciFetchModel,
  kyModel,
  ofetchModel,
  axiosModel,
  gotModel,
  superagentModel,
  needleModel,
  requestModel,
  nodeHttpModel,
  undiciRequestModel,
  openapiFetchModel,
  wretchModel,
  redaxiosModel,
  bentModel,
  phinModel,
  // integration platforms' helpers (n8n, Zapier and Appmixer are recognised by the call's shape, before the generic helper)
  activepiecesModel,
  n8nModel,
  pipedreamModel,
  zapierModel,
  appmixerModel,
  friggModel,
  httpHelperModel,
];
