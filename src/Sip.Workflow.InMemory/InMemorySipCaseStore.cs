using Sip.Workflow.Storage;

namespace Sip.Workflow.InMemory;

/// <summary>
/// A thread-safe <see cref="ISipCaseStore"/> in memory, for tests, demos and short-lived hosts. It keeps every promise
/// of the store contract exactly as the database stores do: optimistic concurrency, one event per command id,
/// append-only history, atomic writes. Nothing survives the process.
/// </summary>
/// <remarks>
/// Cases are immutable, so the store keeps the instances it is given. Events it keeps as values in blocks of a log (their
/// hashes as bytes, equal details shared) and makes anew when read: each equals the event written, member for member,
/// but is not the same instance. That keeps about a quarter of the memory an event object did, and nothing per event for
/// the garbage collector to copy, in a host that runs millions of commands. Lists it returns are fresh copies.
/// One lock guards all state: writes are short (no I/O), and a single lock makes each write atomic as a whole.
/// </remarks>
/// <threadsafety>Safe to use from many threads at once.</threadsafety>
public sealed partial class InMemorySipCaseStore : ISipCaseStore, ISipSubscriptionStore, ISipAccessLogStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SipCaseId, SipCase> _cases = [];

    // Every event, in the order written; a case's history is the chain back from its last event (by ordinal).
    private readonly EventLog _log = new();
    // Each case's last event, and its hash as written: the next event's previous hash is that very string in every history
    // the engine writes, which is then known without reading the hash back (EventLog.Append).
    private readonly Dictionary<SipCaseId, (int Ordinal, string Hash)> _lastEvent = [];
    private readonly Dictionary<CommandId, int> _byCommand = [];
    private readonly SortedDictionary<Guid, SipTombstone> _tombstones = [];

    // The feed in position order. Positions come from one counter under the one lock, so the order of positions is the
    // order of writes; a purge takes its case's entries out (never renumbering the rest) and appends its tombstone's.
    // One slot per entry, naming its event by ordinal, made into a feed entry when read: an entry object beside each event
    // would be one more object per command for the garbage collector to copy.
    private readonly List<FeedSlot> _feed = [];
    private long _lastPosition;

    // The access log in sequence order, under the same lock; a purge takes its case's records out.
    private readonly List<SipAccessRecord> _accessLog = [];
    private long _lastAccessSequence;

    // Subscribers' checkpoints, and which lease holds each (null: free). One process, so a lease needs no expiry.
    private readonly Dictionary<string, (long Position, Lease? Holder)> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>How many cases the store holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _cases.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateCreate(newCase, openingEvent);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_cases.TryGetValue(newCase.Id, out var existing))
            {
                throw new SipConcurrencyException(newCase.Id, expectedVersion: 0, actualVersion: existing.Version);
            }

            if (_tombstones.TryGetValue(newCase.Id.Value, out var purged))
            {
                // A purged case's id is never used again: its tombstone must keep accounting for that id alone.
                throw new SipConcurrencyException(newCase.Id, expectedVersion: 0, actualVersion: purged.LastVersion);
            }

            EnsureCommandUnused(newCase.Id, 0, openingEvent);
            Reserve(newCase: true);
            _cases.Add(newCase.Id, newCase);
            Keep(openingEvent, last: null);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_cases.GetValueOrDefault(caseId));
        }
    }

    /// <inheritdoc />
    public Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateUpdate(updatedCase, expectedVersion, sipEvent);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var found = _cases.TryGetValue(updatedCase.Id, out var stored);
            if (!found || stored!.Version != expectedVersion)
            {
                throw SipStoreRules.NothingUpdated(updatedCase.Id, expectedVersion, found ? stored!.Version : null);
            }

            EnsureCommandUnused(updatedCase.Id, expectedVersion, sipEvent);
            Reserve(newCase: false);
            _cases[updatedCase.Id] = updatedCase;
            Keep(sipEvent, _lastEvent[updatedCase.Id]);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_lastEvent.TryGetValue(caseId, out var last))
            {
                return Task.FromResult<IReadOnlyList<SipEvent>>([]);
            }

            var events = new List<SipEvent>();
            for (var ordinal = last.Ordinal; ordinal >= 0; ordinal = _log[ordinal].PreviousOrdinal)
            {
                events.Add(_log.Read(ordinal));
            }

            events.Reverse();
            return Task.FromResult<IReadOnlyList<SipEvent>>(events);
        }
    }

    /// <inheritdoc />
    public Task<SipEvent?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_byCommand.TryGetValue(commandId, out var ordinal) ? _log.Read(ordinal) : null);
        }
    }

    /// <inheritdoc />
    public Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        SipCase[] matching;
        lock (_gate)
        {
            matching = [.. _cases.Values.Where(query.Matches)];
        }

        Array.Sort(matching, (a, b) => SipCaseCursor.Compare(SipCaseCursor.After(a), SipCaseCursor.After(b)));
        IEnumerable<SipCase> ordered = matching;
        if (query.ContinuationToken is { } token)
        {
            var cursor = SipCaseCursor.Parse(token);
            ordered = ordered.Where(cursor.IsBefore);
        }

        return Task.FromResult(SipCasePages.FromRows([.. ordered.Take(query.PageSize + 1)], query.PageSize));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipCaseId>> ListCaseIdsAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateListing(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SipCaseId> page = [.. _cases.Keys
                .Where(id => after is not { } a || id.Value.CompareTo(a.Value) > 0)
                .Order(Comparer<SipCaseId>.Create((x, y) => x.Value.CompareTo(y.Value)))
                .Take(maxCount)];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task PurgeAsync(SipTombstone tombstone, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidatePurge(tombstone);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var found = _cases.TryGetValue(tombstone.CaseId, out var stored);
            if (!found || stored!.Version != tombstone.LastVersion)
            {
                throw SipStoreRules.PurgeRefused(tombstone, found ? stored!.Version : null);
            }

            // The feed's entries first: they name their case through the events, which are cleared next.
            _feed.RemoveAll(slot => slot.Tombstone is null && _log[slot.Event].CaseId == tombstone.CaseId);
            for (var ordinal = _lastEvent[tombstone.CaseId].Ordinal; ordinal >= 0;)
            {
                ref var kept = ref _log[ordinal];
                if (kept.CommandId is { } id)
                {
                    _byCommand.Remove(id);
                }

                var previous = kept.PreviousOrdinal;
                _log.Clear(ordinal);
                ordinal = previous;
            }

            _accessLog.RemoveAll(r => r.CaseId == tombstone.CaseId);
            _lastEvent.Remove(tombstone.CaseId);
            _cases.Remove(tombstone.CaseId);
            _tombstones.Add(tombstone.CaseId.Value, tombstone);
            Append(new FeedSlot(_lastPosition + 1, -1, tombstone));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AppendAccessAsync(SipAccessRecord record, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateAccessRecord(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _accessLog.Add(record with { Sequence = ++_lastAccessSequence });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipAccessRecord>> ReadAccessLogAsync(SipAccessLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SipAccessRecord>>([.. _accessLog.Where(query.Matches).Take(query.MaxCount)]);
        }
    }

    /// <inheritdoc />
    public Task<SipTombstone?> GetTombstoneAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_tombstones.GetValueOrDefault(caseId.Value));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipTombstone>> ListTombstonesAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateListing(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SipTombstone> page = [.. _tombstones
                .Where(t => after is not { } a || t.Key.CompareTo(a.Value) > 0)
                .Take(maxCount)
                .Select(t => t.Value)];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipFeedEntry>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateFeedRead(afterPosition, maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var first = FirstFeedIndexAfter(afterPosition);
            IReadOnlyList<SipFeedEntry> page = [.. Enumerable.Range(first, Math.Min(maxCount, _feed.Count - first)).Select(i => ToEntry(_feed[i]))];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<int> CountFeedAsync(long afterPosition, int atMost, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateFeedCount(afterPosition, atMost);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Math.Min(atMost, _feed.Count - FirstFeedIndexAfter(afterPosition)));
        }
    }

    // The index of the first position after afterPosition, by binary search over the ordered slots; under the gate. The
    // positions are distinct: one found is followed by the first after it, one not found stands where it would go.
    private int FirstFeedIndexAfter(long afterPosition)
    {
        var at = _feed.BinarySearch(new FeedSlot(afterPosition, -1, null), FeedSlot.ByPosition);
        return at >= 0 ? at + 1 : ~at;
    }

    /// <inheritdoc />
    public Task<SipSubscriptionLease?> TryAcquireAsync(string subscriber, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        SipSubscriptionLease.ValidateName(subscriber);
        SipSubscriptionLease.ValidateLeaseDuration(leaseDuration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var (position, holder) = _subscriptions.GetValueOrDefault(subscriber);
            if (holder is not null)
            {
                return Task.FromResult<SipSubscriptionLease?>(null);
            }

            var lease = new Lease(this, subscriber, position);
            _subscriptions[subscriber] = (position, lease);
            return Task.FromResult<SipSubscriptionLease?>(lease);
        }
    }

    private sealed class Lease(InMemorySipCaseStore store, string subscriber, long position) : SipSubscriptionLease(subscriber, position)
    {
        protected override Task SaveCoreAsync(long position, CancellationToken cancellationToken)
        {
            lock (store._gate)
            {
                if (store._subscriptions.GetValueOrDefault(Subscriber).Holder != this)
                {
                    throw new SipTransientStoreException($"The lease of subscriber '{Subscriber}' was released; take a new one.", mayHaveBeenApplied: false);
                }

                store._subscriptions[Subscriber] = (position, this);
            }

            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            lock (store._gate)
            {
                var (saved, holder) = store._subscriptions.GetValueOrDefault(Subscriber);
                if (holder == this)
                {
                    store._subscriptions[Subscriber] = (saved, null);
                }
            }

            return default;
        }
    }

    private void Append(FeedSlot slot)
    {
        _lastPosition = slot.Position;
        _feed.Add(slot);
    }

    private SipFeedEntry ToEntry(FeedSlot slot)
        => new() { Position = slot.Position, Event = slot.Tombstone is null ? _log.Read(slot.Event) : null, Tombstone = slot.Tombstone };

    /// <summary>One entry of the feed: an event (its ordinal in the log), or the tombstone of a purged case.</summary>
    private readonly record struct FeedSlot(long Position, int Event, SipTombstone? Tombstone)
    {
        public static readonly Comparer<FeedSlot> ByPosition = Comparer<FeedSlot>.Create(static (a, b) => a.Position.CompareTo(b.Position));
    }

    private void EnsureCommandUnused(SipCaseId caseId, long expectedVersion, SipEvent sipEvent)
    {
        if (sipEvent.CommandId is { } id && _byCommand.ContainsKey(id))
        {
            throw new SipConcurrencyException(caseId, expectedVersion, _cases.TryGetValue(caseId, out var c) ? c.Version : null);
        }
    }

    // Room for one more event (and case) in every collection a write changes, made before the first change: under the gate,
    // after every check, so that a write that fails for want of memory leaves the store as it was.
    private void Reserve(bool newCase)
    {
        _log.Reserve();
        _feed.EnsureCapacity(_feed.Count + 1);
        _byCommand.EnsureCapacity(_byCommand.Count + 1);
        if (newCase)
        {
            _cases.EnsureCapacity(_cases.Count + 1);
            _lastEvent.EnsureCapacity(_lastEvent.Count + 1);
        }
    }

    // Appends the event to the log, its case's chain, the command ids and the feed; under the gate, after Reserve.
    private void Keep(SipEvent sipEvent, (int Ordinal, string Hash)? last)
    {
        var chained = last is { } previous && string.Equals(previous.Hash, sipEvent.PreviousHash, StringComparison.Ordinal);
        var ordinal = _log.Append(sipEvent, last?.Ordinal ?? -1, chained);
        _lastEvent[sipEvent.CaseId] = (ordinal, sipEvent.Hash);
        if (sipEvent.CommandId is { } id)
        {
            _byCommand.Add(id, ordinal);
        }

        Append(new FeedSlot(_lastPosition + 1, ordinal, null));
    }
}
