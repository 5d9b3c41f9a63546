import { ConfigError } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { DiskFileStore } from './disk-file-store.storage';
import { FileStore } from './file-store.storage';
import { S3FileStore } from './s3-file-store.storage';

type StoreConfig = Pick<
  EvidenceConfig,
  | 'EVIDENCE_STORAGE'
  | 'EVIDENCE_DATA_DIR'
  | 'EVIDENCE_S3_ENDPOINT'
  | 'EVIDENCE_S3_BUCKET'
  | 'EVIDENCE_S3_REGION'
  | 'EVIDENCE_S3_ACCESS_KEY_ID'
  | 'EVIDENCE_S3_SECRET_ACCESS_KEY'
  | 'EVIDENCE_S3_FORCE_PATH_STYLE'
  | 'EVIDENCE_S3_PREFIX'
>;

const stores = new WeakMap<object, FileStore>();

/** The file store the settings choose (EVIDENCE_STORAGE), one per service configuration. */
export function fileStoreFor(config: StoreConfig): FileStore {
  let store = stores.get(config);
  if (!store) {
    if (config.EVIDENCE_STORAGE === 's3' && !config.EVIDENCE_S3_BUCKET) throw new ConfigError('invalid configuration:\n  EVIDENCE_S3_BUCKET: required when EVIDENCE_STORAGE=s3');
    store =
      config.EVIDENCE_STORAGE === 's3'
        ? new S3FileStore({
            bucket: config.EVIDENCE_S3_BUCKET as string,
            region: config.EVIDENCE_S3_REGION,
            endpoint: config.EVIDENCE_S3_ENDPOINT,
            forcePathStyle: config.EVIDENCE_S3_FORCE_PATH_STYLE,
            accessKeyId: config.EVIDENCE_S3_ACCESS_KEY_ID,
            secretAccessKey: config.EVIDENCE_S3_SECRET_ACCESS_KEY,
            prefix: config.EVIDENCE_S3_PREFIX,
          })
        : new DiskFileStore(config.EVIDENCE_DATA_DIR);
    stores.set(config, store);
  }
  return store;
}
