#!/usr/bin/env node
console.log('akhbar: not built yet');
