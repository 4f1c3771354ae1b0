/**
 * AddressBook and canonicalAddress (src/transport/address-identity.ts): which spellings of a
 * `host:port` name the same node. Resolution goes through an injected lookup (no DNS); the
 * addresses are loopback ones and made-up names only the fake lookup knows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressBook, canonicalAddress, type HostLookup } from '../../../src/transport/address-identity.js';

/** A lookup over a fixed table that counts its calls; an unknown name fails like NXDOMAIN. */
function fakeLookup(table: Record<string, readonly string[]>): HostLookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (host: string): Promise<readonly string[]> => {
    calls.push(host);
    const ips = table[host];
    if (ips === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return ips;
  };
  return Object.assign(lookup, { calls });
}

describe('canonicalAddress', () => {
  test('lowercases names, drops leading zeros in ports and a scheme, canonicalizes IP literals', () => {
    assert.equal(canonicalAddress('LocalHost:09081'), 'localhost:9081');
    assert.equal(canonicalAddress('http://127.0.0.1:9081'), '127.0.0.1:9081');
    assert.equal(canonicalAddress('127.1:9081'), '127.0.0.1:9081');
    assert.equal(canonicalAddress('[0:0:0:0:0:0:0:1]:9081'), '[::1]:9081');
    assert.equal(canonicalAddress('[::1]:09081'), '[::1]:9081');
  });

  test('leaves what is not host:port as it is', () => {
    assert.equal(canonicalAddress('a'), 'a');
    assert.equal(canonicalAddress(''), '');
  });
});

describe('AddressBook.same', () => {
  test('spellings of one loopback address match without any lookup', async () => {
    const lookup = fakeLookup({});
    const book = new AddressBook({ lookup });
    assert.equal(await book.same('127.0.0.1:9081', '127.0.0.1:09081'), true);
    assert.equal(await book.same('127.0.0.1:9081', 'http://127.0.0.1:9081'), true);
    assert.equal(await book.same('[::1]:9081', '[0:0::1]:9081'), true);
    assert.equal(await book.same('LOCALHOST:9081', 'localhost:9081'), true);
    assert.deepEqual(lookup.calls, []);
  });

  test('distinct IPs and distinct ports never match, loopback ones included', async () => {
    const lookup = fakeLookup({});
    const book = new AddressBook({ lookup });
    assert.equal(await book.same('127.0.0.1:9081', '127.0.0.2:9081'), false);
    assert.equal(await book.same('127.0.0.1:9081', '[::1]:9081'), false);
    assert.equal(await book.same('127.0.0.1:9081', '127.0.0.1:9082'), false);
    assert.deepEqual(lookup.calls, [], 'IP literals and different ports need no lookup');
  });

  test('a name matches every address it resolves to (IPv6 in any notation), and each name is resolved once', async () => {
    const lookup = fakeLookup({ localhost: ['127.0.0.1', '0:0:0:0:0:0:0:1'], 'node-a': ['127.0.0.3'] });
    const book = new AddressBook({ lookup });
    assert.equal(await book.same('localhost:9081', '127.0.0.1:9081'), true);
    assert.equal(await book.same('[::1]:9081', 'LOCALHOST:09081'), true);
    assert.equal(await book.same('localhost:9081', '127.0.0.3:9081'), false);
    assert.equal(await book.same('node-a:9081', 'localhost:9081'), false);
    assert.equal(await book.same('node-a:9081', '127.0.0.3:9081'), true);
    assert.deepEqual(lookup.calls.sort(), ['localhost', 'node-a']);
  });

  test('a name that does not resolve, or not in time, matches only its own spellings', async () => {
    const slow: HostLookup = (host) => new Promise((resolve) => setTimeout(() => resolve(host === 'slow' ? ['127.0.0.1'] : []), 200));
    const book = new AddressBook({ lookup: async (host) => (host === 'slow' ? slow(host) : fakeLookup({})(host)), timeoutMs: 20 });
    assert.equal(await book.same('gone:9081', '127.0.0.1:9081'), false);
    assert.equal(await book.same('gone:9081', 'GONE:9081'), true);
    assert.equal(await book.same('slow:9081', '127.0.0.1:9081'), false);
  });

  test('what is not host:port matches only itself and is never looked up', async () => {
    const lookup = fakeLookup({});
    const book = new AddressBook({ lookup });
    assert.equal(await book.same('a', 'a'), true);
    assert.equal(await book.same('a', 'b'), false);
    assert.deepEqual(lookup.calls, []);
  });
});

describe('AddressBook.find and distinct', () => {
  test('find returns the candidate in its own spelling', async () => {
    const book = new AddressBook({ lookup: fakeLookup({ localhost: ['127.0.0.1'] }) });
    assert.equal(await book.find('127.0.0.1:9082', ['localhost:9081', 'localhost:9082']), 'localhost:9082');
    assert.equal(await book.find('127.0.0.1:9083', ['localhost:9081', 'localhost:9082']), undefined);
  });

  test('distinct looks up no name whose port no other address has (nothing to compare it with)', async () => {
    const lookup = fakeLookup({ 'node-a': ['127.0.0.1'], 'node-b': ['127.0.0.2'] });
    const book = new AddressBook({ lookup });
    assert.deepEqual(await book.distinct(['node-a:9081', 'node-b:9082', '127.0.0.1:9083']), ['node-a:9081', 'node-b:9082', '127.0.0.1:9083']);
    assert.deepEqual(lookup.calls, []);
    assert.deepEqual(await book.distinct(['node-a:9081', '127.0.0.1:9081', 'node-b:9082']), ['node-a:9081', 'node-b:9082']);
    assert.deepEqual(lookup.calls, ['node-a']);
  });

  test('distinct keeps the first spelling of each node, in order', async () => {
    const book = new AddressBook({ lookup: fakeLookup({ localhost: ['127.0.0.1'] }) });
    assert.deepEqual(await book.distinct(['localhost:9081', '127.0.0.1:9082', '127.0.0.1:09081', 'LOCALHOST:9082', '127.0.0.2:9081']), ['localhost:9081', '127.0.0.1:9082', '127.0.0.2:9081']);
  });
});

describe('a name for several nodes', () => {
  test('a name resolving to several addresses of one family matches only its own spellings; one IPv4 plus one IPv6 is one node', async () => {
    const lookup = fakeLookup({ svc: ['127.0.0.1', '127.0.0.2', '127.0.0.3'], svc6: ['::1', '::2'], dual: ['127.0.0.1', '::1', '127.0.0.1'], zoned: ['10.0.0.1', 'fe80::1%eth0'] });
    const book = new AddressBook({ lookup });
    assert.equal(await book.same('svc:9081', '127.0.0.2:9081'), false);
    assert.equal(await book.same('svc6:9081', '[::2]:9081'), false);
    assert.equal(await book.same('svc:9081', 'SVC:09081'), true);
    assert.equal(await book.same('dual:9081', '127.0.0.1:9081'), true);
    assert.equal(await book.same('dual:9081', '[::1]:9081'), true);
    assert.equal(await book.same('zoned:9081', '10.0.0.1:9081'), true, 'one IPv4 and one zoned IPv6 address');
    assert.deepEqual(await book.distinct(['svc:9081', '127.0.0.1:9081', '127.0.0.2:9081']), ['svc:9081', '127.0.0.1:9081', '127.0.0.2:9081'], 'the nodes behind the name are not dropped as its duplicates');
  });
});
