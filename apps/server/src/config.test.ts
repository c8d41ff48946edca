import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl, redactUrl } from './config.ts';

describe('parseDatabaseUrl', () => {
  it('defaults to ./data/homeward.db under the working directory', () => {
    expect(parseDatabaseUrl(undefined, '/srv/hw')).toEqual({ dialect: 'sqlite', path: '/srv/hw/data/homeward.db' });
  });
  it('accepts sqlite: paths, relative or absolute', () => {
    expect(parseDatabaseUrl('sqlite:./x.db', '/srv')).toEqual({ dialect: 'sqlite', path: '/srv/x.db' });
    expect(parseDatabaseUrl('sqlite:///tmp/x.db', '/srv')).toEqual({ dialect: 'sqlite', path: '/tmp/x.db' });
  });
  it('accepts postgres URLs with a database name', () => {
    expect(parseDatabaseUrl('postgres://postgres@127.0.0.1:5432/hw')).toEqual({
      dialect: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/hw',
    });
  });
  it('rejects anything else with one readable line that hides passwords', () => {
    expect(() => parseDatabaseUrl('mysql://u:secret@h/db')).toThrow(ConfigError);
    expect(() => parseDatabaseUrl('mysql://u:secret@h/db')).toThrow(/must start with postgres:\/\/.*u:\*\*\*@h/);
    expect(() => parseDatabaseUrl('postgres://127.0.0.1:5432')).toThrow(/names no PostgreSQL database/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/needs a file path/);
  });
  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://user:pw@host/db')).toBe('postgres://user:***@host/db');
  });
});

describe('loadConfig', () => {
  it('has defaults for the Chinese MFA deployment', () => {
    const config = loadConfig({}, '/srv');
    expect(config.port).toBe(8080);
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.state.code).toBe('CN');
    expect(config.state.hotline).toEqual({ e164: '+861012308', display: '+86 10 12308' });
    expect(config.state.spareHotline).toEqual({ e164: '+861059913991', display: '+86 10 5991 3991' });
  });
  it('takes another sending state from the environment', () => {
    const config = loadConfig({
      HOMEWARD_STATE_CODE: 'nz',
      HOMEWARD_STATE_NAME_EN: 'New Zealand',
      HOMEWARD_HOTLINE: '+64 99 20 20 20',
    });
    expect(config.state.code).toBe('NZ');
    expect(config.state.hotline.e164).toBe('+6499202020');
    expect(config.state.spareHotline).toBeNull();
    expect(config.state.hotlineGuidance).toBeNull();
  });
  it('refuses bad numbers and ports by name', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(() => loadConfig({ HOMEWARD_BODY_LIMIT: '-1' })).toThrow(/HOMEWARD_BODY_LIMIT/);
    expect(() => loadConfig({ HOMEWARD_HOTLINE: 'call us' })).toThrow(/HOMEWARD_HOTLINE is not a phone number/);
  });
  it('keeps past trips 365 days unless told 1 to 3650', () => {
    expect(loadConfig({}).tripRetentionDays).toBe(365);
    expect(loadConfig({ HOMEWARD_TRIP_RETENTION_DAYS: '30' }).tripRetentionDays).toBe(30);
    for (const bad of ['0', '3651', 'a year', '1.5'])
      expect(() => loadConfig({ HOMEWARD_TRIP_RETENTION_DAYS: bad })).toThrow(/HOMEWARD_TRIP_RETENTION_DAYS must be/);
  });
  it('allows the low password cost only outside production', () => {
    expect(() => loadConfig({ HOMEWARD_PASSWORD_COST: 'low' })).not.toThrow();
    expect(() => loadConfig({ HOMEWARD_PASSWORD_COST: 'low', NODE_ENV: 'production' })).toThrow(/refused/);
    expect(() => loadConfig({ HOMEWARD_PASSWORD_COST: 'cheap' })).toThrow(/"standard" or "low"/);
  });
});
