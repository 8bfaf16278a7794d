using System.Collections.ObjectModel;

namespace Sip.Workflow.Internal;

/// <summary>
/// The dictionary behind <see cref="SipEvent.Details"/>: a private, read-only copy with value equality, so that two
/// events with the same content are equal (a record compares its members with <see cref="object.Equals(object)"/>,
/// and a plain dictionary compares by reference), also after a round trip through a store.
/// </summary>
internal sealed class SipDetails : ReadOnlyDictionary<string, string>, IEquatable<SipDetails>
{
    private SipDetails(Dictionary<string, string> copy)
        : base(copy)
    {
    }

    public static new SipDetails Empty { get; } = new([]);

    public static SipDetails Of(IReadOnlyDictionary<string, string>? details) => details switch
    {
        // Already frozen: sharing it is safe and saves a copy per event read.
        SipDetails frozen => frozen,
        null => Empty,
        _ => new SipDetails(new Dictionary<string, string>(details, StringComparer.Ordinal)),
    };

    public bool Equals(SipDetails? other)
    {
        if (other is null || Count != other.Count)
        {
            return false;
        }

        foreach (var (key, value) in this)
        {
            if (!other.TryGetValue(key, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SipDetails);

    public override int GetHashCode()
    {
        // Order-independent: the same pairs in any insertion order hash alike.
        var hash = 0;
        foreach (var (key, value) in this)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
        }

        return HashCode.Combine(Count, hash);
    }
}
