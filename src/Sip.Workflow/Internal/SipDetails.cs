using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Sip.Workflow.Internal;

/// <summary>
/// The dictionary behind <see cref="SipEvent.Details"/>: a private, read-only copy with value equality, so that two
/// events with the same content are equal (a record compares its members with <see cref="object.Equals(object)"/>,
/// and a plain dictionary compares by reference), also after a round trip through a store.
/// </summary>
/// <remarks>
/// The pairs are kept in one array sorted by key (ordinal): the order the event hash writes them in, so sealing an event
/// sorts nothing, and a handful of pairs (an event has a few) is searched as fast as a hash table is, in a fraction of its
/// memory: the in-memory store keeps every event, and the garbage collector copies each one it keeps. Enumerated, and
/// written to JSON, in that order too.
/// <para>
/// It is also an <see cref="IDictionary{TKey, TValue}"/> that refuses every change with <see cref="NotSupportedException"/>,
/// as the framework's read-only dictionary it replaced did (its keys and values as read-only collections too), so a host
/// that casts the details to change them is refused the same way.
/// </para>
/// </remarks>
internal sealed class SipDetails : IReadOnlyDictionary<string, string>, IDictionary<string, string>, IEquatable<SipDetails>
{
    private static readonly Comparer<KeyValuePair<string, string>> ByKey = Comparer<KeyValuePair<string, string>>.Create(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

    private readonly KeyValuePair<string, string>[] _pairs;

    private SipDetails(KeyValuePair<string, string>[] sorted) => _pairs = sorted;

    public static SipDetails Empty { get; } = new([]);

    public static SipDetails Of(IReadOnlyDictionary<string, string>? details) => details switch
    {
        // Already frozen: sharing it is safe and saves a copy per event read.
        SipDetails frozen => frozen,
        null => Empty,
        { Count: 0 } => Empty,
        _ => Sorted([.. details]),
    };

    /// <summary>The pairs whose value is not null, a later pair with the same key replacing an earlier one (as a dictionary's indexer does).</summary>
    public static SipDetails Of(params ReadOnlySpan<(string Key, string? Value)> pairs)
    {
        // From the last pair back, so that the later of two pairs with one key is the one kept; into the array the details
        // keep (an event's few pairs: no list to copy them out of).
        var kept = new KeyValuePair<string, string>[pairs.Length];
        var count = 0;
        for (var i = pairs.Length - 1; i >= 0; i--)
        {
            var (key, value) = pairs[i];
            if (value is not null && !Names(kept.AsSpan(0, count), key))
            {
                kept[count++] = new(key, value);
            }
        }

        if (count == 0)
        {
            return Empty;
        }

        if (count < kept.Length)
        {
            Array.Resize(ref kept, count);
        }

        return Sorted(kept);

        static bool Names(ReadOnlySpan<KeyValuePair<string, string>> kept, string key)
        {
            foreach (var pair in kept)
            {
                if (string.Equals(pair.Key, key, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    // A dictionary's keys are distinct under its own comparer, which need not be the ordinal one the event hash and the
    // JSON go by: two keys alike would be hashed as two pairs and read back as one, so they are refused (naming no key,
    // which may hold what a host wrote).
    private static SipDetails Sorted(KeyValuePair<string, string>[] pairs)
    {
        if (pairs.Length <= ShortList)
        {
            InsertionSort(pairs);
        }
        else
        {
            Array.Sort(pairs, ByKey);
        }

        for (var i = 1; i < pairs.Length; i++)
        {
            if (string.Equals(pairs[i - 1].Key, pairs[i].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException("An event's details name one key twice; each key may stand once (keys are compared ordinally).", nameof(SipEvent.Details));
            }
        }

        return new SipDetails(pairs);
    }

    // An event has a few pairs, which a plain insertion sort orders without the delegate Array.Sort makes of its comparer on
    // every call; a host's longer dictionary still goes to Array.Sort.
    private const int ShortList = 16;

    private static void InsertionSort(KeyValuePair<string, string>[] pairs)
    {
        for (var i = 1; i < pairs.Length; i++)
        {
            var pair = pairs[i];
            var j = i - 1;
            for (; j >= 0 && string.CompareOrdinal(pairs[j].Key, pair.Key) > 0; j--)
            {
                pairs[j + 1] = pairs[j];
            }

            pairs[j + 1] = pair;
        }
    }

    /// <summary>The pairs in ordinal order of their keys.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> InKeyOrder => _pairs;

    public int Count => _pairs.Length;

    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

    public IEnumerable<string> Values => _pairs.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The event's details have no '{key}'.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? _pairs[at].Value : null;
        return at >= 0;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Math.Max(Array.BinarySearch(_pairs, new KeyValuePair<string, string>(key, string.Empty), ByKey), -1);
    }

    // Arrays: as collections they are read-only, and refuse a change as the dictionary does.
    ICollection<string> IDictionary<string, string>.Keys => Keys.ToArray();

    ICollection<string> IDictionary<string, string>.Values => Values.ToArray();

    bool ICollection<KeyValuePair<string, string>>.IsReadOnly => true;

    string IDictionary<string, string>.this[string key]
    {
        get => this[key];
        set => throw ReadOnly();
    }

    void IDictionary<string, string>.Add(string key, string value) => throw ReadOnly();

    bool IDictionary<string, string>.Remove(string key) => throw ReadOnly();

    void ICollection<KeyValuePair<string, string>>.Add(KeyValuePair<string, string> item) => throw ReadOnly();

    void ICollection<KeyValuePair<string, string>>.Clear() => throw ReadOnly();

    bool ICollection<KeyValuePair<string, string>>.Remove(KeyValuePair<string, string> item) => throw ReadOnly();

    bool ICollection<KeyValuePair<string, string>>.Contains(KeyValuePair<string, string> item)
        => TryGetValue(item.Key, out var value) && string.Equals(value, item.Value, StringComparison.Ordinal);

    void ICollection<KeyValuePair<string, string>>.CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => _pairs.CopyTo(array, arrayIndex);

    private static NotSupportedException ReadOnly() => new("An event's details are read-only: an event, once sealed, is never changed.");

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(SipDetails? other)
    {
        if (other is null || _pairs.Length != other._pairs.Length)
        {
            return false;
        }

        // Both sorted by key: equal pairs stand at the same places.
        for (var i = 0; i < _pairs.Length; i++)
        {
            if (!string.Equals(_pairs[i].Key, other._pairs[i].Key, StringComparison.Ordinal)
                || !string.Equals(_pairs[i].Value, other._pairs[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SipDetails);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _pairs)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
