import type { UserInfoData } from './schemas.js';

/** The signed-in user, from the sign-in reply. Empty after restoring tokens saved without it. */
export class UserInfo {
  /** Account type, e.g. `O` (owner). */
  readonly userType: string;
  /** First name, empty when unknown. */
  readonly userFirstName: string;
  /** Last name, empty when unknown. */
  readonly userLastName: string;
  /** Account status, e.g. `NORMAL`. */
  readonly userStatus: string;
  /** The cloud's numeric user id, when known. */
  readonly userSeq: number | undefined;

  /** Wraps the `userInfo` object of a sign-in reply. */
  constructor(data: UserInfoData = {}) {
    this.userType = data.userType ?? '';
    this.userFirstName = data.userFirstName ?? '';
    this.userLastName = data.userLastName ?? '';
    this.userStatus = data.userStatus ?? '';
    this.userSeq = data.userSeq;
  }

  /** First and last name joined by a space (empty when unknown). */
  get fullName(): string {
    return `${this.userFirstName} ${this.userLastName}`.trim();
  }
}
