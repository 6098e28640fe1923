export { buildModel, COMPANIES } from './build-model.ts';
export { buildBaqs } from './baqs.ts';
export type {
  EdmType,
  SimBaq,
  SimBaqParameter,
  SimColumn,
  SimEntitySet,
  SimModel,
  SimNavigation,
  SimService,
} from './types.ts';
export { SIM_EDM_TYPES, STORAGE_NOTES } from './types.ts';
