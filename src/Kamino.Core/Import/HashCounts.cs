namespace Kamino.Import;

/// <summary>
/// A compact table from a 64-bit hash (with a 20-bit check of the same value) to a small count: 12 bytes a slot,
/// open addressing, no objects per entry. For the importer's per-document and per-identity bookkeeping of files
/// with millions of lines (docs/benchmarks.md), where a dictionary of strings would hold hundreds of megabytes.
/// A key held with another check, or a count above <see cref="MaxValue"/>, is refused: the caller keeps those exactly.
/// The table is 64 parts by the key's top bits, each growing on its own, so a growth copies 1/64 of it (one big
/// table would hold its old and new arrays, 2.5 times its size, at the moment it grows).
/// </summary>
internal sealed class HashCounts
{
    /// <summary>The largest count a slot holds (12 bits).</summary>
    public const int MaxValue = (1 << CountBits) - 1;

    private const int CountBits = 12;
    private const int PartBits = 6;

    private readonly Part[] parts = [.. Enumerable.Range(0, 1 << PartBits).Select(_ => new Part())];

    /// <summary>A well-mixed 64-bit hash of <paramref name="text"/> continuing from <paramref name="seed"/> (FNV-1a, then a final avalanche).</summary>
    public static ulong Hash(ReadOnlySpan<char> text, ulong seed = 0xcbf29ce484222325UL)
    {
        var h = seed;
        foreach (var c in text)
        {
            h = (h ^ c) * 0x100000001b3UL;
        }

        return Mix(h ^ (ulong)text.Length);
    }

    /// <summary>The finaliser of MurmurHash3: every input bit affects every output bit.</summary>
    public static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>The value stored for the key; <paramref name="clash"/>: the key is stored with another check (a different value hashed alike).</summary>
    public bool TryGet(ulong key, uint check, out int value, out bool clash) =>
        parts[key >> (64 - PartBits)].TryGet(key == 0 ? 1 : key, check >> CountBits, out value, out clash);

    /// <summary>Stores the value for the key; false (and nothing stored) when the key is held with another check or the value is above <see cref="MaxValue"/>.</summary>
    public bool Set(ulong key, uint check, int value) =>
        value is >= 0 and <= MaxValue && parts[key >> (64 - PartBits)].Set(key == 0 ? 1 : key, check >> CountBits, value);

    /// <summary>Open addressing with linear probing over keys sharing their top <see cref="PartBits"/> bits.</summary>
    private sealed class Part
    {
        private const double MaxLoad = 0.8;

        private ulong[] keys = new ulong[64];
        private uint[] slots = new uint[64];
        private int count;

        public bool TryGet(ulong key, uint check, out int value, out bool clash)
        {
            for (var i = Slot(key, keys.Length); keys[i] != 0; i = i + 1 == keys.Length ? 0 : i + 1)
            {
                if (keys[i] == key)
                {
                    clash = slots[i] >> CountBits != check;
                    value = clash ? 0 : (int)(slots[i] & MaxValue);
                    return !clash;
                }
            }

            value = 0;
            clash = false;
            return false;
        }

        public bool Set(ulong key, uint check, int value)
        {
            if (count + 1 > keys.Length * MaxLoad)
            {
                Grow();
            }

            var i = Slot(key, keys.Length);
            for (; keys[i] != 0; i = i + 1 == keys.Length ? 0 : i + 1)
            {
                if (keys[i] == key)
                {
                    if (slots[i] >> CountBits != check)
                    {
                        return false;
                    }

                    slots[i] = (check << CountBits) | (uint)value;
                    return true;
                }
            }

            keys[i] = key;
            slots[i] = (check << CountBits) | (uint)value;
            count++;
            return true;
        }

        // Any table size, no power of two (growth by half keeps the slack small): the high half of the key's
        // bits below the part's × size.
        private static int Slot(ulong key, int size) => (int)Math.BigMul(key << PartBits, (ulong)size, out _);

        private void Grow()
        {
            var (oldKeys, oldSlots) = (keys, slots);
            var size = checked(keys.Length + (keys.Length / 2));
            keys = new ulong[size];
            slots = new uint[size];
            for (var j = 0; j < oldKeys.Length; j++)
            {
                if (oldKeys[j] == 0)
                {
                    continue;
                }

                var i = Slot(oldKeys[j], size);
                while (keys[i] != 0)
                {
                    i = i + 1 == size ? 0 : i + 1;
                }

                keys[i] = oldKeys[j];
                slots[i] = oldSlots[j];
            }
        }
    }
}
