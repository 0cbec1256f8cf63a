import { avroCodec, registrySchemaStore } from '../codec.js'
import { kafkaTransport } from './kafka.js'
import { contractPolicy, transportContract } from '../../testing/transportContract.js'
import { noStack, stack, testLog, uniqueName } from '../../testing/stack.js'

transportContract('kafka', noStack, async () => ({
  transport: (prefix = uniqueName('t') + '.') =>
    kafkaTransport({
      brokers: stack.kafkaBrokers!.split(','),
      clientId: 'contract-test',
      partitions: 2,
      codec: avroCodec(registrySchemaStore(stack.registryUrl!), (t) => prefix + t),
      policy: contractPolicy,
      log: testLog(),
      topicPrefix: prefix,
    }),
  close: async () => undefined,
}))
