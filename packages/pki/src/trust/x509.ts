// @peculiar/x509 loaded once: after reflect-metadata, which its dependency injection needs, with Node's WebCrypto.
import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

export * from '@peculiar/x509'
