/** Emitted when the store file could not be parsed and was moved aside. */
export interface StoreCorruptEvent {
  path: string;
  /** Where the unreadable file now is; it is kept, never overwritten. */
  movedTo: string;
  reason: string;
}

/**
 * Emitted when the session file or its folder was open to other users:
 * either tokenwise tightened it (`tightened: true`, `newMode` 0o600 for the
 * file, 0o700 for the folder) or, for a folder it must not change (one you
 * pointed it into, such as a shared project folder), it only reports it
 * (`tightened: false`, `newMode` equal to `oldMode`).
 */
export interface StorePermissionsEvent {
  /** The file or folder. */
  path: string;
  kind: 'file' | 'folder';
  /** Permission bits found, e.g. `0o644`. */
  oldMode: number;
  /** Permission bits now. */
  newMode: number;
  tightened: boolean;
  /** What was wrong, in words. */
  reason: string;
}

/** Events of `FileStore`. */
export interface FileStoreEvents {
  corrupt: StoreCorruptEvent;
  permissions: StorePermissionsEvent;
}
