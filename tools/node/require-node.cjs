// Stops `npm start`, `npm test` and the other root scripts at once, with one line saying what to
// install, when the Node running them is older than the project's floor (package.json `engines`).
// Written for any Node that can still run npm: no syntax or API newer than Node 12.
'use strict';
var path = require('path');
var engines = require(path.join(__dirname, '..', '..', 'package.json')).engines || {};
var floor = Number(String(engines.node || '').replace(/[^0-9.]/g, '').split('.')[0]) || 0;
var major = Number(process.versions.node.split('.')[0]);
if (major < floor) {
  var pkg = 'node-' + process.platform + '-' + process.arch + '@' + floor;
  process.stderr.write(
    'This project needs Node ' + floor + ' (found ' + process.version + '): install it with ' +
      '`npm i --prefix ~/.local/node' + floor + ' ' + pkg + '` and put ~/.local/node' + floor +
      '/node_modules/node-' + process.platform + '-' + process.arch + '/bin first on PATH ' +
      '(or run `source tools/node/use-node.sh`).\n',
  );
  process.exit(1);
}
