{
  "name": "@tokenwise/__vendor__",
  "version": "0.0.0",
  "description": "__Vendor__ cloud client on the tokenwise vendor kit: sessions that renew themselves and are shared across processes.",
  "license": "MIT",
  "keywords": [
    "tokenwise",
    "__vendor__",
    "api-client",
    "session",
    "token"
  ],
  "homepage": "https://github.com/tokenwise/tokenwise/tree/main/packages/__vendor__#readme",
  "bugs": {
    "url": "https://github.com/tokenwise/tokenwise/issues"
  },
  "repository": {
    "type": "git",
    "url": "git+https://github.com/tokenwise/tokenwise.git",
    "directory": "packages/__vendor__"
  },
  "type": "module",
  "sideEffects": false,
  "engines": {
    "node": ">=20.19"
  },
  "main": "./dist/index.cjs",
  "module": "./dist/index.js",
  "types": "./dist/index.d.cts",
  "exports": {
    ".": {
      "import": {
        "types": "./dist/index.d.ts",
        "default": "./dist/index.js"
      },
      "require": {
        "types": "./dist/index.d.cts",
        "default": "./dist/index.cjs"
      }
    },
    "./mock": {
      "import": {
        "types": "./dist/mock.d.ts",
        "default": "./dist/mock.js"
      },
      "require": {
        "types": "./dist/mock.d.cts",
        "default": "./dist/mock.cjs"
      }
    },
    "./package.json": "./package.json"
  },
  "typesVersions": {
    "*": {
      "mock": [
        "./dist/mock.d.cts"
      ]
    }
  },
  "files": [
    "dist",
    "README.md",
    "LICENSE",
    "CHANGELOG.md"
  ],
  "scripts": {
    "build": "tsup",
    "typecheck": "tsc -p tsconfig.json",
    "lint:package": "publint --strict",
    "lint:types": "attw --pack ."
  },
  "dependencies": {
    "@tokenwise/auth-core": "workspace:^",
    "zod": "^4.1.0"
  },
  "devDependencies": {
    "@tokenwise/config": "workspace:*",
    "msw": "2.15.0"
  }
}
