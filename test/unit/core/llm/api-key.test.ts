import { describe, expect, it } from 'vitest';
import { bindApiKey, isLocalHost, keyInTheClear } from '../../../../src/core/llm/api-key';

describe('keyInTheClear', () => {
  it('names the host a key would reach over plain http when it is not local, and nothing otherwise', () => {
    expect(keyInTheClear('http://llm.example.org:8000/v1', 'sk-1')).toBe('llm.example.org:8000');
    expect(keyInTheClear('http://203.0.113.9/v1', 'sk-1')).toBe('203.0.113.9');
    expect(keyInTheClear('https://llm.example.org/v1', 'sk-1')).toBeUndefined();
    expect(keyInTheClear('http://llm.example.org/v1', '')).toBeUndefined();
    expect(keyInTheClear('http://localhost:11434/v1', 'sk-1')).toBeUndefined();
    expect(keyInTheClear('http://192.168.1.20:8000/v1', 'sk-1')).toBeUndefined();
    expect(keyInTheClear('not a url', 'sk-1')).toBeUndefined();
  });

  it('counts loopback and private networks as local, and public addresses and names as not', () => {
    for (const h of ['localhost', 'gpu.localhost', 'box.local', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.9.9', '[::1]'])
      expect(isLocalHost(h), h).toBe(true);
    for (const h of ['example.org', '8.8.8.8', '172.32.0.1', '192.169.0.1', 'localhost.example.org']) expect(isLocalHost(h), h).toBe(false);
  });
});

describe('bindApiKey', () => {
  const current = { baseUrl: 'http://gpu-box:8000/v1', apiKey: 'sk-a', apiKeyBaseUrl: 'http://gpu-box:8000/v1', httpModel: 'm' };

  it('drops the key when the base URL names another server, keeps it for the same server or other changes', () => {
    expect(bindApiKey(current, { baseUrl: 'https://api.example/v1' })).toEqual({
      next: { ...current, baseUrl: 'https://api.example/v1', apiKey: '', apiKeyBaseUrl: undefined },
      dropped: true,
    });
    expect(bindApiKey(current, { baseUrl: 'http://gpu-box:8000' }).dropped).toBe(false); // "/v1" is added to a bare origin
    expect(bindApiKey(current, { httpModel: 'n' })).toEqual({ next: { ...current, httpModel: 'n' }, dropped: false });
  });

  it('binds a new key to the base URL in force with it, and a key given with a new base URL to that one', () => {
    expect(bindApiKey(current, { apiKey: 'sk-b' }).next.apiKeyBaseUrl).toBe('http://gpu-box:8000/v1');
    expect(bindApiKey(current, { apiKey: 'sk-c', baseUrl: 'https://api.example' }).next).toMatchObject({
      apiKey: 'sk-c',
      apiKeyBaseUrl: 'https://api.example/v1',
    });
    expect(bindApiKey(current, { apiKey: '' }).next.apiKeyBaseUrl).toBeUndefined();
  });
});
