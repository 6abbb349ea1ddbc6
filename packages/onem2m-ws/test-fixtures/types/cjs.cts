// CommonJS consumer: `require` conditions resolve to the .d.cts declarations.
import onem2m = require('onem2m-ws');
import json = require('onem2m-ws/json');

export const client = onem2m.createClient({ url: 'ws://127.0.0.1:8180' });
export const jsonClient = json.createClient({ url: 'ws://127.0.0.1:8180' });
