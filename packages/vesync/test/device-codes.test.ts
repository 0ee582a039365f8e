import { describe, expect, it } from 'vitest';
import { innerDeviceError } from '../src/device-codes.js';
import {
  ApiError,
  DeviceOfflineError,
  ErrorCodes,
  isTokenwiseError,
  UnsupportedMethodError,
  VeSyncDeviceError,
  veSyncError,
} from '../src/index.js';

const ok = new Response(null, { status: 200 });

describe('device result codes → typed errors', () => {
  it('maps the envelope codes about devices (families, as pyvesync matches them)', () => {
    for (const code of [-11300030, -11300027]) {
      const error = veSyncError(ok, { code, msg: 'device offline' });
      expect(error).toBeInstanceOf(DeviceOfflineError);
      expect(error).toMatchObject({ reason: 'offline', vendorCode: code, status: 200, vendor: 'vesync' });
      expect(isTokenwiseError(error, ErrorCodes.ApiError)).toBe(true);
    }
    const notFound = veSyncError(ok, { code: -11004000, msg: 'method not found' });
    expect(notFound).toBeInstanceOf(UnsupportedMethodError);
    expect(notFound?.message).toBe('VeSync does not know this call (code -11004000: method not found)');
    // Other codes stay plain ApiErrors, the token codes stay token errors.
    const other = veSyncError(ok, { code: -11102086, msg: 'internal error' });
    expect(other).toBeInstanceOf(ApiError);
    expect(other).not.toBeInstanceOf(VeSyncDeviceError);
    expect(veSyncError(ok, { code: -11001022, msg: 'the token has expired' })?.code).toBe(
      ErrorCodes.TokenExpiredError,
    );
  });

  it("maps a bypass answer's inner code: unsupported, offline, or the device's own refusal", () => {
    expect(innerDeviceError(11000000, 'setChildLock', 'c1')).toMatchObject({
      reason: 'unsupported',
      cid: 'c1',
      message: 'The VeSync device does not support setChildLock with these arguments (code 11000000)',
    });
    expect(innerDeviceError(11017000, 'setNightLight', 'c1')).toBeInstanceOf(UnsupportedMethodError);
    expect(innerDeviceError(4041004, 'getPurifierStatus', 'c1')).toBeInstanceOf(DeviceOfflineError);
    const lowWater = innerDeviceError(11907000, 'setSwitch', 'c2', 'low water');
    expect(lowWater).toBeInstanceOf(VeSyncDeviceError);
    expect(lowWater).not.toBeInstanceOf(UnsupportedMethodError);
    expect(lowWater).toMatchObject({ reason: 'refused', vendorCode: 11907000 });
    expect(lowWater.message).toBe('The VeSync device refused setSwitch (code 11907000: low water)');
  });
});
