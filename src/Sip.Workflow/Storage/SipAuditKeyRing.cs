using System.Collections.Frozen;

namespace Sip.Workflow.Storage;

/// <summary>
/// The audit keys a history is sealed and verified with: the current key (new events are sealed with it) and retired
/// keys (kept to verify the events they sealed). Every key has an id, written on each event it sealed
/// (<see cref="SipEvent.AuditKeyId"/>), so a key can be rotated without old history ever failing to verify.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class SipAuditKeyRing
{
    private readonly FrozenDictionary<string, byte[]> _keys;

    /// <summary>No keys: events are sealed with plain SHA-256, and a keyed event cannot be verified.</summary>
    public static SipAuditKeyRing None { get; } = new(null, null, null, null);

    private SipAuditKeyRing(string? currentKeyId, byte[]? currentKey, IReadOnlyDictionary<string, byte[]>? retired, DateTimeOffset? unkeyedBefore)
    {
        UnkeyedBefore = unkeyedBefore;
        CurrentKeyId = currentKeyId;
        CurrentKey = currentKey ?? [];
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in retired ?? new Dictionary<string, byte[]>())
        {
            keys[id] = [.. key];
        }

        if (currentKeyId is not null)
        {
            keys[currentKeyId] = CurrentKey;
        }

        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Creates a key ring.</summary>
    /// <param name="currentKeyId">The current key's id (short, stable, not secret: it is written on every event).</param>
    /// <param name="currentKey">The current key, at least 32 bytes; copied.</param>
    /// <param name="retiredKeys">Earlier keys by id, to verify what they sealed; copied. Optional.</param>
    /// <param name="unkeyedBefore">When the store had history before a key was turned on: the moment it was, before which
    /// events may be unkeyed. Without it, every event must be sealed with a key of the ring.</param>
    /// <returns>The key ring.</returns>
    /// <exception cref="ArgumentException">An id is empty or longer than 64 characters, a key is shorter than 32 bytes, or a
    /// retired key has the current key's id.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="currentKeyId"/> or <paramref name="currentKey"/> is <see langword="null"/>.</exception>
    public static SipAuditKeyRing Create(
        string currentKeyId, byte[] currentKey, IReadOnlyDictionary<string, byte[]>? retiredKeys = null, DateTimeOffset? unkeyedBefore = null)
    {
        ArgumentNullException.ThrowIfNull(currentKeyId);
        ArgumentNullException.ThrowIfNull(currentKey);
        var problems = Problems(currentKeyId, currentKey, retiredKeys);
        if (problems.Count > 0)
        {
            var paramName = Problems(currentKeyId, currentKey, null).Count > 0 ? nameof(currentKey) : nameof(retiredKeys);
            throw new ArgumentException(SipProblems.ToMessage("The audit keys are not valid", problems), paramName);
        }

        return new SipAuditKeyRing(currentKeyId, [.. currentKey], retiredKeys, unkeyedBefore);
    }

    /// <summary>A ring of retired keys only: it verifies what they sealed, and new events are sealed with plain SHA-256.</summary>
    /// <param name="retiredKeys">The keys by id; copied.</param>
    /// <returns>The key ring.</returns>
    /// <exception cref="ArgumentException">An id is empty or longer than 64 characters, or a key is shorter than 32 bytes.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="retiredKeys"/> is <see langword="null"/>.</exception>
    public static SipAuditKeyRing Retired(IReadOnlyDictionary<string, byte[]> retiredKeys)
    {
        ArgumentNullException.ThrowIfNull(retiredKeys);
        var problems = Problems(null, null, retiredKeys);
        if (problems.Count > 0)
        {
            throw new ArgumentException(SipProblems.ToMessage("The audit keys are not valid", problems), nameof(retiredKeys));
        }

        return new SipAuditKeyRing(null, null, retiredKeys, null);
    }

    /// <summary>Lists every problem with a set of keys; empty when they are valid.</summary>
    internal static List<string> Problems(string? currentKeyId, byte[]? currentKey, IReadOnlyDictionary<string, byte[]>? retiredKeys)
    {
        var problems = new List<string>();
        void CheckId(string? id, string what)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || id.Any(char.IsControl))
            {
                problems.Add($"{what} must be 1 to 64 printable characters.");
            }
        }

        if (currentKey is not null)
        {
            CheckId(currentKeyId, "AuditKeyId");
            if (currentKey.Length < 32)
            {
                problems.Add($"AuditKey is {currentKey.Length} bytes; an audit key must be at least 32 bytes (use RandomNumberGenerator.GetBytes(32)).");
            }
        }

        foreach (var (id, key) in retiredKeys ?? new Dictionary<string, byte[]>())
        {
            CheckId(id, "Retired audit key ids");
            if (key is null || key.Length < 32)
            {
                problems.Add($"Retired audit key '{id}' is {key?.Length ?? 0} bytes; an audit key is at least 32 bytes.");
            }

            if (currentKey is not null && string.Equals(id, currentKeyId, StringComparison.Ordinal))
            {
                problems.Add($"Retired audit key '{id}' has the current key's id; every key needs its own id.");
            }
        }

        return problems;
    }

    /// <summary>The current key's id, or <see langword="null"/> when new events are sealed with plain SHA-256.</summary>
    public string? CurrentKeyId { get; }

    /// <summary>
    /// With a current key: the moment it was turned on for a store that already held history; events before it may be
    /// unkeyed. <see langword="null"/>: every event must be keyed (or, without a current key, none need be).
    /// </summary>
    public DateTimeOffset? UnkeyedBefore { get; }

    /// <summary>Whether an event without a key may stand in a history verified with this ring.</summary>
    internal bool AllowsUnkeyed(SipEvent e) => CurrentKeyId is null || (UnkeyedBefore is { } before && e.OccurredAt < before);

    /// <summary>The current key; empty when there is none.</summary>
    internal byte[] CurrentKey { get; }

    /// <summary>Every key of the ring, for events of the first hash form, which do not name theirs.</summary>
    internal IEnumerable<byte[]> AllKeys => _keys.Values;

    /// <summary>The key with this id; empty for <see langword="null"/> (an unkeyed event).</summary>
    internal bool TryGet(string? keyId, out byte[] key)
    {
        if (keyId is null)
        {
            key = [];
            return true;
        }

        return _keys.TryGetValue(keyId, out key!);
    }

    /// <summary>Shows the key ids only, never a key.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipAuditKeyRing (current {CurrentKeyId ?? "none"}; {_keys.Count} key(s))";
}
