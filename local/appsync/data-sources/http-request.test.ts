import { describe, expect, it } from 'vitest';
import { buildHttpRequest } from './http-request.ts';
import { InvalidDataSourceRequestError } from './types.ts';

const ENDPOINT = 'https://api.example.com';

describe('buildHttpRequest (the HTTP data source request object)', () => {
  it('sends endpoint + resourcePath with the query, headers and string body as given', () => {
    const built = buildHttpRequest(ENDPOINT, {
      method: 'POST',
      resourcePath: '/v1/users',
      params: { query: { a: 'x y', n: 3, flag: true }, headers: { 'Content-Type': 'text/plain', 'X-Trace': 't-1' }, body: 'hello' },
    });
    expect(built.method).toBe('POST');
    expect(built.url.href).toBe('https://api.example.com/v1/users?a=x%20y&n=3&flag=true');
    expect(built.headers).toEqual({ 'Content-Type': 'text/plain', 'X-Trace': 't-1' });
    expect(built.body).toBe('hello');
  });

  it('accepts the version VTL templates carry, and nothing but 2018-05-29', () => {
    expect(buildHttpRequest(ENDPOINT, { version: '2018-05-29', method: 'GET', resourcePath: '/' }).url.href).toBe('https://api.example.com/');
    expect(() => buildHttpRequest(ENDPOINT, { version: '2017-02-28', method: 'GET', resourcePath: '/' })).toThrow(/version "2017-02-28"/);
  });

  it('writes a non-string body as JSON, repeats list query values, keeps a query already in resourcePath', () => {
    const built = buildHttpRequest(ENDPOINT, {
      method: 'PUT',
      resourcePath: 'items/7?expand=1',
      params: { query: { tag: ['a', 'b'], skip: null, filter: { k: 'v' } }, headers: { 'content-type': 'application/json' }, body: { id: 7, tags: ['a'] } },
    });
    expect(built.url.pathname).toBe('/items/7');
    expect(built.url.search).toBe('?expand=1&tag=a&tag=b&filter=%7B%22k%22%3A%22v%22%7D');
    expect(built.body).toBe('{"id":7,"tags":["a"]}');
    expect(buildHttpRequest(ENDPOINT, { method: 'GET', resourcePath: '/', params: {} }).body).toBeUndefined();
  });

  it("refuses a missing method or resourcePath with AppSync's MappingTemplate wording", () => {
    expect(() => buildHttpRequest(ENDPOINT, { resourcePath: '/' })).toThrow("Value for field '$[method]' not found.");
    expect(() => buildHttpRequest(ENDPOINT, { method: 'GET' })).toThrow("Value for field '$[resourcePath]' not found.");
    expect(() => buildHttpRequest(ENDPOINT, 'GET /')).toThrow(InvalidDataSourceRequestError);
  });

  it('refuses methods AppSync does not send', () => {
    expect(() => buildHttpRequest(ENDPOINT, { method: 'HEAD', resourcePath: '/' })).toThrow(/Unsupported method "HEAD": expected PUT, POST, GET, DELETE, PATCH/);
    expect(() => buildHttpRequest(ENDPOINT, { method: 'get', resourcePath: '/' })).toThrow(InvalidDataSourceRequestError);
  });

  it('refuses the headers AppSync sets itself, whatever their case', () => {
    for (const name of ['Host', 'connection', 'User-Agent', 'Expect', 'Transfer-Encoding', 'content-length']) {
      expect(() => buildHttpRequest(ENDPOINT, { method: 'GET', resourcePath: '/', params: { headers: { [name]: 'x' } } }), name).toThrow(
        /cannot be set \(AppSync sets it\)/,
      );
    }
  });

  it('refuses header values that are not strings, duplicates by case, and names HTTP cannot carry', () => {
    const withHeaders = (headers: unknown) => () => buildHttpRequest(ENDPOINT, { method: 'GET', resourcePath: '/', params: { headers } });
    expect(withHeaders({ 'X-Count': 3 })).toThrow(/must be a string/);
    expect(withHeaders({ 'X-A': '1', 'x-a': '2' })).toThrow(/given twice/);
    expect(withHeaders({ 'Bad Name': '1' })).toThrow(/not a valid HTTP header/);
    expect(withHeaders({ 'X-A': 'line\r\nInjected: 1' })).toThrow(/not a valid HTTP header/);
  });

  it('sends only the Content-Types AppSync supports (text/* and the listed application types)', () => {
    const withType = (type: string) => buildHttpRequest(ENDPOINT, { method: 'POST', resourcePath: '/', params: { headers: { 'Content-Type': type }, body: 'x' } });
    for (const type of ['text/csv', 'application/json; charset=UTF-8', 'application/x-amz-json-1.1', 'application/x-ndjson', 'application/soap+xml']) {
      expect(withType(type).headers['Content-Type'], type).toBe(type);
    }
    expect(() => withType('application/octet-stream')).toThrow(/Content-Type "application\/octet-stream" is not supported/);
    expect(() => withType('multipart/form-data; boundary=x')).toThrow(InvalidDataSourceRequestError);
  });

  it('sends a form body as AWS samples post query-protocol calls (SNS Publish) through AppSync', () => {
    const body = 'Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A000000000000%3Aalerts&Message=hi';
    const request = buildHttpRequest(ENDPOINT, { version: '2018-05-29', method: 'POST', resourcePath: '/', params: { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body } });
    expect(request).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  });
});
