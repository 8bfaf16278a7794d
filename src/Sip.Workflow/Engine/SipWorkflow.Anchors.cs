using System.Runtime.CompilerServices;
using Sip.Workflow.Internal;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

// What anchors the history outside the database (checkpoints, store-wide verification) and gallring.
public sealed partial class SipWorkflow
{
    private const int ScanPage = 500;

    /// <inheritdoc />
    public async Task<SipCaseCheckpoint> GetCheckpointAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        AuthoriseUnattributed(SipAccessAction.SystemRead);
        var (sipCase, _, verification) = await LoadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (!verification.IsIntact)
        {
            throw new SipStorageException(
                $"The history of case {caseId} does not verify ({verification.Problem}); no checkpoint was taken. Investigate before trusting the case.");
        }

        var unsealed = new SipCaseCheckpoint
        {
            CaseId = caseId, Version = sipCase.Version, HeadHash = sipCase.HistoryHead ?? string.Empty,
            TakenAt = _time.GetUtcNow(), AuditKeyId = _keys.CurrentKeyId, Hash = string.Empty,
        };
        return unsealed with { Hash = SipAuditChain.ComputeCheckpointHash(unsealed, _keys.CurrentKey) };
    }

    /// <inheritdoc />
    public async Task<SipAuditVerification> VerifyAgainstCheckpointAsync(SipCaseId caseId, SipCaseCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Check.Id(caseId, nameof(caseId));
        AuthoriseUnattributed(SipAccessAction.SystemRead);
        if (checkpoint.CaseId != caseId)
        {
            throw new ArgumentException($"'{nameof(checkpoint)}' is for case {checkpoint.CaseId}, not for case {caseId}.", nameof(checkpoint));
        }

        var loaded = await TryLoadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (loaded.RowProblem is not null)
        {
            return new SipAuditVerification(false, null, loaded.RowProblem) { Finding = SipAuditFinding.RowMismatch };
        }

        var tombstone = await _store.GetTombstoneAsync(caseId, cancellationToken).ConfigureAwait(false);
        return SipAuditChain.Against(checkpoint, loaded.History, loaded.Case, loaded.Verification, tombstone, _keys);
    }

    /// <inheritdoc />
    public async Task<SipStoreVerification> VerifyStoreAsync(SipStoreCheckpoint? since = null, CancellationToken cancellationToken = default)
    {
        AuthoriseUnattributed(SipAccessAction.SystemRead);
        var problems = new List<SipStoreProblem>();
        var anchors = new List<SipCaseAnchor>();
        var earlier = Earlier(since, problems);
        var live = new HashSet<SipCaseId>();
        long cases = 0;
        long tombstones = 0;

        // Every live case, read and verified once: its row against its document (the store's read refuses a mismatch),
        // its chain, and what the earlier checkpoint saw of it.
        await foreach (var id in AllAsync(_store.ListCaseIdsAsync, id => id, cancellationToken).ConfigureAwait(false))
        {
            cases++;
            var loaded = await TryLoadVerifiedAsync(id, cancellationToken).ConfigureAwait(false);
            if (loaded.Case is null && loaded.RowProblem is null)
            {
                if (await _store.GetTombstoneAsync(id, cancellationToken).ConfigureAwait(false) is not null)
                {
                    continue; // purged while the scan ran: its tombstone, listed below, accounts for it
                }

                loaded = loaded with { RowProblem = $"case {id} is listed but cannot be read: its row was changed outside the engine" };
            }

            live.Add(id);
            if (loaded.RowProblem is not null)
            {
                problems.Add(new SipStoreProblem(id, SipAuditFinding.RowMismatch, loaded.RowProblem));
                continue;
            }

            if (!loaded.Verification!.IsIntact)
            {
                problems.Add(new SipStoreProblem(id, loaded.Verification.Finding, loaded.Verification.Problem!));
            }

            // The keys lists select by: one lost or changed outside the library hides the case from a reader who may see it.
            if (await _store.ReadAccessKeysAsync(id, cancellationToken).ConfigureAwait(false) is { } stored
                && !stored.SequenceEqual(SipCaseAccessKeys.Of(loaded.Case!), StringComparer.Ordinal))
            {
                problems.Add(new SipStoreProblem(id, SipAuditFinding.AccessKeysStale,
                    $"the access keys stored for case {id} are not the ones its document derives: lists may leave it out for readers who may see it; rebuild them (RebuildAccessKeysAsync)"));
            }

            anchors.Add(new SipCaseAnchor(id, loaded.Case!.Version, loaded.Case.HistoryHead ?? string.Empty, Purged: false));
            if (earlier?.GetValueOrDefault(id) is { Purged: false } then)
            {
                Add(problems, id, SipAuditChain.Compare(id, then.Version, then.HeadHash, loaded.History, loaded.Case.Version, null, _keys));
            }
        }

        var purged = new Dictionary<SipCaseId, SipTombstone>();
        await foreach (var tombstone in AllAsync(_store.ListTombstonesAsync, t => t.CaseId, cancellationToken).ConfigureAwait(false))
        {
            tombstones++;
            purged[tombstone.CaseId] = tombstone;
            var problem = !SipAuditChain.IsValid(tombstone, _keys)
                ? $"the tombstone of case {tombstone.CaseId} does not match its seal: it was written or changed outside the engine"

                // The engine never purges early; a sealed tombstone that says otherwise was made without the engine's checks.
                : !IsLawful(tombstone) ? $"the tombstone of case {tombstone.CaseId} records a purge before its retention ended, or under a shorter period than the law's"
                : live.Contains(tombstone.CaseId) ? SipAuditChain.PurgedCaseBack(tombstone.CaseId)
                : null;
            if (problem is not null)
            {
                problems.Add(new SipStoreProblem(tombstone.CaseId, SipAuditFinding.TombstoneNotValid, problem));
            }

            anchors.Add(new SipCaseAnchor(tombstone.CaseId, tombstone.LastVersion, tombstone.LastHeadHash, Purged: true));
        }

        // What the earlier checkpoint knew and the scan did not meet live: gone with a valid tombstone, or missing. A case it
        // saw purged that is live again without its tombstone only the checkpoint can tell.
        foreach (var then in earlier?.Values ?? Enumerable.Empty<SipCaseAnchor>())
        {
            if (!live.Contains(then.CaseId))
            {
                Add(problems, then.CaseId, SipAuditChain.Compare(then.CaseId, then.Version, then.HeadHash, [], null, purged.GetValueOrDefault(then.CaseId), _keys));
            }
            else if (then.Purged && !purged.ContainsKey(then.CaseId))
            {
                problems.Add(new SipStoreProblem(then.CaseId, SipAuditFinding.TombstoneNotValid, SipAuditChain.PurgedCaseBack(then.CaseId) + " and its tombstone is gone"));
            }
        }

        anchors.Sort((a, b) => a.CaseId.Value.CompareTo(b.CaseId.Value));
        var checkpoint = new SipStoreCheckpoint
        {
            TakenAt = _time.GetUtcNow(), Anchors = anchors.AsReadOnly(), Head = SipAuditChain.ComputeStoreHead(anchors),
            AuditKeyId = _keys.CurrentKeyId, Hash = string.Empty,
        };
        checkpoint = checkpoint with { Hash = SipAuditChain.ComputeStoreCheckpointHash(checkpoint, _keys.CurrentKey) };
        return new SipStoreVerification(problems.AsReadOnly(), cases, tombstones, checkpoint);
    }

    // The earlier checkpoint's anchors by case, or null (and a problem) when there is none or its head or seal fails.
    private Dictionary<SipCaseId, SipCaseAnchor>? Earlier(SipStoreCheckpoint? since, List<SipStoreProblem> problems)
    {
        if (since is null)
        {
            return null;
        }

        if (!SipAuditChain.IsValid(since, _keys))
        {
            problems.Add(new SipStoreProblem(null, SipAuditFinding.CheckpointNotValid,
                "the store checkpoint does not match its head or its seal: it was changed, or it was sealed with an audit key not given"));
            return null;
        }

        return since.Anchors.ToDictionary(a => a.CaseId);
    }

    private static void Add(List<SipStoreProblem> problems, SipCaseId caseId, SipAuditVerification outcome)
    {
        if (!outcome.IsIntact)
        {
            problems.Add(new SipStoreProblem(caseId, outcome.Finding, outcome.Problem!));
        }
    }

    // Every row of a store listing, page after page in case-id order.
    private static async IAsyncEnumerable<T> AllAsync<T>(
        Func<SipCaseId?, int, CancellationToken, Task<IReadOnlyList<T>>> list, Func<T, SipCaseId> key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (SipCaseId? after = null; ;)
        {
            var page = await list(after, ScanPage, cancellationToken).ConfigureAwait(false);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < ScanPage)
            {
                yield break;
            }

            after = key(page[^1]);
        }
    }

    private async Task EnsureRecordEndsByAsync(SipCase sipCase, DateOnly lastEntry, CancellationToken cancellationToken)
    {
        for (string? token = null; ;)
        {
            var page = await _store.QueryAsync(
                new SipCaseQuery { Subject = sipCase.Individual.Reference, PageSize = SipCaseQuery.MaxPageSize, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var other in page.Cases.Where(o => o.Id != sipCase.Id))
            {
                if (other.State != SipState.Closed)
                {
                    throw new SipPurgeRefusedException(sipCase.Id, SipPurgeRefusal.RecordStillInUse,
                        $"Case {sipCase.Id} belongs to a record with another SIP that is still open ({other.Id}); the record is culled as a whole. Nothing was removed.");
                }

                var history = await _store.GetHistoryAsync(other.Id, cancellationToken).ConfigureAwait(false);
                if (history.Count > 0 && SipLegalReferences.SwedishDateOf(history[^1].OccurredAt) > lastEntry)
                {
                    throw new ArgumentException(
                        $"'{nameof(PurgeCase.LastEntryInRecord)}' is {lastEntry:yyyy-MM-dd}, but another SIP of the same record ({other.Id}) has a later entry; " +
                        "give the day of the record's last entry.", "request");
                }
            }

            if ((token = page.ContinuationToken) is null)
            {
                return;
            }
        }
    }

    private static bool IsLawful(SipTombstone tombstone)
    {
        if (!Enum.IsDefined(tombstone.RecordKind) || tombstone.RetentionYears is < 1 or > 200 || tombstone.LastEntry.Year > 9000)
        {
            return false;
        }

        var rule = SipRetentionRule.For(tombstone.RecordKind);
        return tombstone.RetentionYears >= rule.Years
            && SipLegalReferences.SwedishDateOf(tombstone.PurgedAt) >= rule.PurgeableFrom(tombstone.LastEntry).AddYears(tombstone.RetentionYears - rule.Years);
    }

    private async Task<(SipCase Case, IReadOnlyList<SipEvent> History, SipAuditVerification Verification)> LoadVerifiedAsync(
        SipCaseId caseId, CancellationToken cancellationToken)
    {
        var sipCase = await LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        var history = await _store.GetHistoryAsync(caseId, cancellationToken).ConfigureAwait(false);

        // Commands may land between the two reads: read both again until the case accounts for the history. Only events
        // it still does not account for are a forgery (or a case set back); the whole stored history is verified.
        for (var reread = 0; history.Count != sipCase.Version && reread < 3; reread++)
        {
            sipCase = await LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
            history = await _store.GetHistoryAsync(caseId, cancellationToken).ConfigureAwait(false);
        }

        return (sipCase, history, SipAuditChain.Verify(history, sipCase, _keys));
    }

    // A case read and verified, or why its row cannot be read; all empty when there is no such case.
    private readonly record struct Loaded(SipCase? Case, IReadOnlyList<SipEvent> History, SipAuditVerification? Verification, string? RowProblem);

    private async Task<Loaded> TryLoadVerifiedAsync(SipCaseId caseId, CancellationToken cancellationToken)
    {
        try
        {
            var (sipCase, history, verification) = await LoadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false);
            return new Loaded(sipCase, history, verification, null);
        }
        catch (SipStorageException e)
        {
            return new Loaded(null, [], null, e.Message);
        }
        catch (SipCaseNotFoundException)
        {
            return new Loaded(null, [], null, null);
        }
    }

    /// <inheritdoc />
    public async Task<SipGallringPage> GetDueForGallringAsync(
        SipRetentionRule rule, DateOnly asOf, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        Check.NotNull(rule, nameof(rule));
        CheckPage(pageSize, continuationToken);
        AuthoriseUnattributed(SipAccessAction.SystemRead);
        var query = new SipCaseQuery { State = SipState.Closed, PageSize = pageSize, ContinuationToken = continuationToken };
        var page = await _store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var items = new List<SipGallringItem>();
        foreach (var sipCase in page.Cases)
        {
            // The last entry is never before the closing, so a case closed too recently needs no history read.
            if (sipCase.Closure is { } closure && rule.PurgeableFrom(SipLegalReferences.SwedishDateOf(closure.ClosedAt)) > asOf)
            {
                continue;
            }

            var history = await _store.GetHistoryAsync(sipCase.Id, cancellationToken).ConfigureAwait(false);
            if (history.Count == 0)
            {
                continue;
            }

            var lastEntry = SipLegalReferences.SwedishDateOf(history[^1].OccurredAt);
            var from = rule.PurgeableFrom(lastEntry);
            if (from <= asOf)
            {
                items.Add(new SipGallringItem(sipCase.Id, lastEntry, from, rule.PurgeDueBy(lastEntry)));
            }
        }

        return new SipGallringPage(items.AsReadOnly(), page.ContinuationToken);
    }

    /// <inheritdoc />
    public async Task<SipTombstone> PurgeCaseAsync(PurgeCase request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.NoRetentionExceptionApplies)
        {
            throw new ArgumentException(
                $"'{nameof(PurgeCase.NoRetentionExceptionApplies)}' is false; it must be true: the host confirms that no exception keeps this record " +
                $"({request.Rule.LegalBasis.Note ?? request.Rule.LegalBasis.Citation}). Records an exception covers are not purged.",
                nameof(request));
        }

        var (sipCase, history, verification) = await LoadVerifiedAsync(request.CaseId, cancellationToken).ConfigureAwait(false);
        AuthorisePurge(request.Actor, sipCase);
        if (sipCase.State != SipState.Closed)
        {
            throw new SipPurgeRefusedException(sipCase.Id, SipPurgeRefusal.NotClosed,
                $"Case {sipCase.Id} is {sipCase.State}; only a closed SIP is purged. Nothing was removed.");
        }

        if (!verification.IsIntact)
        {
            throw new SipPurgeRefusedException(sipCase.Id, SipPurgeRefusal.HistoryNotIntact,
                $"The history of case {sipCase.Id} does not verify ({verification.Problem}); purging it would destroy the evidence. Nothing was removed.");
        }

        var lastEvent = SipLegalReferences.SwedishDateOf(history[^1].OccurredAt);
        if (request.LastEntryInRecord < lastEvent)
        {
            throw new ArgumentException(
                $"'{nameof(PurgeCase.LastEntryInRecord)}' is {request.LastEntryInRecord:yyyy-MM-dd}, before the SIP's own last entry on {lastEvent:yyyy-MM-dd}; " +
                "give the day of the last entry in the individual's record, which is never earlier.", nameof(request));
        }

        var now = _time.GetUtcNow();
        var today = SipLegalReferences.SwedishDateOf(now);
        if (request.LastEntryInRecord > today)
        {
            throw new ArgumentException(
                $"'{nameof(PurgeCase.LastEntryInRecord)}' is {request.LastEntryInRecord:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}); it is a day that has been.", nameof(request));
        }

        // The record is culled as a whole: another SIP of the same individual in this store that is still open, or has a
        // later entry, keeps it (and shows the stated last entry is not the record's last).
        await EnsureRecordEndsByAsync(sipCase, request.LastEntryInRecord, cancellationToken).ConfigureAwait(false);

        var from = request.Rule.PurgeableFrom(request.LastEntryInRecord);
        if (today < from)
        {
            throw new SipPurgeRefusedException(sipCase.Id, SipPurgeRefusal.RetentionNotPassed,
                $"Case {sipCase.Id} may be purged from {from:yyyy-MM-dd}: {request.Rule}. Nothing was removed.");
        }

        var unsealed = new SipTombstone
        {
            CaseId = sipCase.Id, PurgedAt = now, Actor = request.Actor, RecordKind = request.Rule.RecordKind,
            RetentionYears = request.Rule.Years, LegalBasis = request.Rule.LegalBasis.Citation, LastEntry = request.LastEntryInRecord,
            LastVersion = sipCase.Version, LastHeadHash = sipCase.HistoryHead ?? string.Empty, AuditKeyId = _keys.CurrentKeyId, Hash = string.Empty,
        };
        var tombstone = unsealed with { Hash = SipAuditChain.ComputeTombstoneHash(unsealed, _keys.CurrentKey) };
        await _store.PurgeAsync(tombstone, cancellationToken).ConfigureAwait(false);
        return tombstone;
    }
}
