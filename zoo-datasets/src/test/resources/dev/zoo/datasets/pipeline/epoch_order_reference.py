"""Reference epoch orders for ImageBatchSourceTest, from the algorithm in ImageBatchSource's class comment.

Written without the Java code: SplitMix64 (Steele, Lea, Flood 2014), the zoo's derive(parent, child),
and a Fisher-Yates shuffle from the last index down. Run: python3 epoch_order_reference.py
Prints the order of epochs 0 and 1 of 20 examples with seed 42.
"""
MASK = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
ORDER_SALT = 0x6F72646572  # "order"


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def derive(parent, child):
    return mix(((parent + GOLDEN_GAMMA * (child + 1)) & MASK) ^ mix((child ^ 0x632BE59BD9B4E019) & MASK))


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + GOLDEN_GAMMA) & MASK
        return mix(self.state)

    def next_int(self, bound):
        return ((self.next_long() >> 32) * bound) >> 32


def epoch_order(seed, epoch, indices):
    rng = SplitMix64(derive((seed ^ ORDER_SALT) & MASK, epoch))
    out = list(indices)
    for i in range(len(out) - 1, 0, -1):
        j = rng.next_int(i + 1)
        out[i], out[j] = out[j], out[i]
    return out


if __name__ == "__main__":
    for epoch in (0, 1):
        print(epoch, epoch_order(42, epoch, range(20)))
