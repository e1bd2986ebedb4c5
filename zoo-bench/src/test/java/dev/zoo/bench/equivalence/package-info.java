/** Cross-backend equivalence: the same seeded weights give the same logits and the same SGD step everywhere. */
package dev.zoo.bench.equivalence;
