using System.Runtime.CompilerServices;
using Sip.Workflow.Internal;

namespace Sip.Workflow.InMemory;

/// <summary>
/// Every event the in-memory store holds, in the order written, each kept as a <see cref="StoredEvent"/> value inside
/// fixed-size blocks and addressed by its ordinal; not thread-safe (the store's one lock guards it).
/// </summary>
/// <remarks>
/// Why values in blocks, not the <see cref="SipEvent"/> instances: the store keeps every event for its whole life, and
/// the garbage collector copies each object it keeps from one generation to the next. As objects, an event was five of
/// them (the event, its two hash strings, its details and their array) and about 600 bytes, and copying them was about a
/// sixth of an in-memory command's time in a run of millions. As a value in a block it is no object of its own: a
/// block of 1,024 is allocated once among the large objects, which the collector never copies (the first block grows to
/// that size from a few events, so that a store of a handful costs little), and a hash is 32 bytes in place. What an
/// event still holds by reference is shared where it can be: the actor the host gave, the event type, equal details.
/// An event read from the store is made anew from its value and equals the one written (<see cref="StoredEvent.ToEvent"/>).
/// </remarks>
internal sealed class EventLog
{
    // 1,024 events of about 300 bytes: a block goes to the large object heap, where it is never copied. The first block
    // grows from a few events up to that size, so that a store holding a handful of events (a test's) costs little.
    private const int BlockBits = 10;
    private const int BlockSize = 1 << BlockBits;
    private const int FirstCapacity = 16;

    private readonly List<StoredEvent[]> _blocks = [];

    // Equal details shared: the engine writes the same few pairs (flags, a kind) over and over, and each distinct instance
    // kept would be two more objects per event. A small table, one entry per slot, the newest kept: bounded, and
    // no slower than the hash it takes.
    private readonly SipDetails?[] _sharedDetails = new SipDetails?[256];

    /// <summary>How many events were ever appended; the next one's ordinal.</summary>
    public int Count { get; private set; }

    /// <summary>The event with the given ordinal, in place.</summary>
    public ref StoredEvent this[int ordinal] => ref _blocks[ordinal >> BlockBits][ordinal & (BlockSize - 1)];

    /// <summary>
    /// Makes room for one more event before anything is changed: a write that fails for want of memory then fails here,
    /// with the store as it was, never half-way through its changes.
    /// </summary>
    public void Reserve()
    {
        var offset = Count & (BlockSize - 1);
        if (offset == 0 && Count > 0 || _blocks.Count == 0)
        {
            _blocks.EnsureCapacity(_blocks.Count + 1);
            _blocks.Add(new StoredEvent[_blocks.Count == 0 ? FirstCapacity : BlockSize]);
        }
        else if (_blocks.Count == 1 && offset == _blocks[0].Length)
        {
            var grown = _blocks[0];
            Array.Resize(ref grown, Math.Min(BlockSize, grown.Length * 2));
            _blocks[0] = grown;
        }
    }

    /// <summary>
    /// Appends an event whose case's previous event (or -1) is given, and returns its ordinal. When the event's
    /// <see cref="SipEvent.PreviousHash"/> is that previous event's hash (<paramref name="chained"/>, as in every history the
    /// engine writes), the hash is not kept twice: it is read from the previous event.
    /// </summary>
    public int Append(SipEvent sipEvent, int previousOrdinal, bool chained)
    {
        // Reserve made the room: the block for this ordinal exists.
        var ordinal = Count;
        var offset = ordinal & (BlockSize - 1);
        // Set member by member in place: a whole value copied into the block would go through the runtime's bulk copy with
        // a write barrier over all of it.
        _blocks[ordinal >> BlockBits][offset].Set(sipEvent, Share(sipEvent.Details), previousOrdinal, chained);
        Count = ordinal + 1;
        return ordinal;
    }

    /// <summary>
    /// Forgets the event with the given ordinal (a purge): its content is gone, its ordinal is never used again, and its
    /// details are no longer held for sharing either.
    /// </summary>
    public void Clear(int ordinal)
    {
        ref var stored = ref this[ordinal];
        if (stored.Details is { Count: > 0 } details)
        {
            ref var slot = ref _sharedDetails[details.GetHashCode() & (_sharedDetails.Length - 1)];
            if (ReferenceEquals(slot, details))
            {
                slot = null;
            }
        }

        stored = StoredEvent.Cleared;
    }

    /// <summary>The event with the given ordinal, made anew: equal to the one appended, member for member.</summary>
    public SipEvent Read(int ordinal)
    {
        ref var stored = ref this[ordinal];
        return stored.ToEvent(stored.PreviousHashIsChained ? this[stored.PreviousOrdinal].Hash : null);
    }

    private SipDetails Share(IReadOnlyDictionary<string, string> details)
    {
        // An event's details are always the library's frozen dictionary (SipEvent.Details makes them so).
        var frozen = (SipDetails)details;
        if (frozen.Count == 0)
        {
            return frozen;
        }

        ref var slot = ref _sharedDetails[frozen.GetHashCode() & (_sharedDetails.Length - 1)];
        if (slot is not null && slot.Equals(frozen))
        {
            return slot;
        }

        slot = frozen;
        return frozen;
    }
}

/// <summary>
/// One event as the in-memory store keeps it: every member of the <see cref="SipEvent"/>, and the ordinal of its case's
/// previous event, so that a case's history is a chain through the log instead of a list of its own.
/// </summary>
/// <remarks>A mutable value only so that <see cref="EventLog"/> can set it in place; it is set once, when appended.</remarks>
internal struct StoredEvent
{
    private SipCaseId _caseId;
    private long _sequence;
    private string _eventType;
    private SipState? _fromState;
    private SipState _toState;
    private int _hashVersion;
    private SipActor _actor;
    private DateTimeOffset _occurredAt;
    private CommandId? _commandId;
    private SipDetails _details;
    private string? _auditKeyId;
    private StoredHash _caseHash;
    private StoredHash _commandFingerprint;
    private StoredHash _previousHash;
    private StoredHash _hash;

    public void Set(SipEvent sipEvent, SipDetails details, int previousOrdinal, bool chained)
    {
        _caseId = sipEvent.CaseId;
        _sequence = sipEvent.Sequence;
        _eventType = sipEvent.EventType;
        _fromState = sipEvent.FromState;
        _toState = sipEvent.ToState;
        _hashVersion = sipEvent.HashVersion;
        _actor = sipEvent.Actor;
        _occurredAt = sipEvent.OccurredAt;
        _commandId = sipEvent.CommandId;
        _details = details;
        _auditKeyId = sipEvent.AuditKeyId;
        _caseHash = new StoredHash(sipEvent.CaseHash);
        _commandFingerprint = new StoredHash(sipEvent.CommandFingerprint);
        _previousHash = chained ? default : new StoredHash(sipEvent.PreviousHash);
        PreviousHashIsChained = chained;
        _hash = new StoredHash(sipEvent.Hash);
        PreviousOrdinal = previousOrdinal;
    }

    /// <summary>What a purged event's place holds: nothing, and no previous event (a chain read through it ends there).</summary>
    public static StoredEvent Cleared => new() { PreviousOrdinal = -1 };

    /// <summary>The case.</summary>
    public readonly SipCaseId CaseId => _caseId;

    /// <summary>The details, shared with equal ones.</summary>
    public readonly SipDetails Details => _details;

    /// <summary>The command id, if the event has one.</summary>
    public readonly CommandId? CommandId => _commandId;

    /// <summary>The ordinal of the case's previous event, or -1 for its first.</summary>
    public int PreviousOrdinal { get; private set; }

    /// <summary>Whether the previous hash is the previous event's <see cref="Hash"/>, and not kept here.</summary>
    public bool PreviousHashIsChained { get; private set; }

    /// <summary>This event's hash, as kept.</summary>
    public readonly StoredHash Hash => _hash;

    /// <summary>The event, made anew: equal to the one stored, member for member.</summary>
    /// <param name="previousHash">The previous event's hash, when <see cref="PreviousHashIsChained"/>.</param>
    public readonly SipEvent ToEvent(StoredHash? previousHash) => new()
    {
        CaseId = _caseId,
        Sequence = _sequence,
        EventType = _eventType,
        FromState = _fromState,
        ToState = _toState,
        Actor = _actor,
        OccurredAt = _occurredAt,
        CommandId = _commandId,
        Details = _details,
        CaseHash = _caseHash.ToText(),
        CommandFingerprint = _commandFingerprint.ToText(),
        AuditKeyId = _auditKeyId,
        HashVersion = _hashVersion,
        PreviousHash = (previousHash ?? _previousHash).ToText()!,
        Hash = _hash.ToText()!,
    };
}

/// <summary>
/// A hash as the in-memory store keeps it: 32 bytes in place when it is 64 lowercase hex digits, as every hash the
/// library writes is; otherwise the text itself (null, empty, or a hash a host wrote some other way), so that what is read
/// back is exactly what was written, character for character.
/// </summary>
internal readonly struct StoredHash
{
    // In the text's place when the hash is kept as bytes: an instance of its own, which no text a host writes can be.
    private static readonly string InDigest = new('#', 1);

    private readonly Digest _digest;
    private readonly string? _text;

    public StoredHash(string? text)
    {
        // The store rules' own test of a hash's text; its 64 digits fill the 32 bytes.
        if (Storage.SipStoreRules.IsHashText(text))
        {
            _ = Convert.FromHexString(text, _digest, out _, out _);
            _text = InDigest;
        }
        else
        {
            _text = text;
        }
    }

    public string? ToText() => ReferenceEquals(_text, InDigest) ? Convert.ToHexStringLower(_digest) : _text;

    [InlineArray(Length)]
    private struct Digest
    {
        public const int Length = 32;

        private byte _first;
    }
}
