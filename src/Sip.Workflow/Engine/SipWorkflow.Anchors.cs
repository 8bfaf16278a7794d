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
        var (sipCase, verification) = await LoadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false);
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
        if (checkpoint.CaseId != caseId)
        {
            throw new ArgumentException($"'{nameof(checkpoint)}' is for case {checkpoint.CaseId}, not for case {caseId}.", nameof(checkpoint));
        }

        var tombstone = await _store.GetTombstoneAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (await _store.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is null)
        {
            return SipAuditChain.VerifyAgainst(checkpoint, [], null, tombstone, _keys);
        }

        var (sipCase, _, rowProblem) = await TryLoadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (rowProblem is not null)
        {
            return new SipAuditVerification(false, null, rowProblem) { Finding = SipAuditFinding.RowMismatch };
        }

        if (tombstone is not null)
        {
            return new SipAuditVerification(false, null, PurgedCaseBack(caseId)) { Finding = SipAuditFinding.TombstoneNotValid };
        }

        var history = await _store.GetHistoryAsync(caseId, cancellationToken).ConfigureAwait(false);
        return SipAuditChain.VerifyAgainst(checkpoint, history, sipCase, null, _keys);
    }

    private static string PurgedCaseBack(SipCaseId caseId)
        => $"case {caseId} was purged, but a case with that id is in the store again: it was put back outside the engine (a restored backup?)";

    /// <inheritdoc />
    public async Task<SipStoreVerification> VerifyStoreAsync(SipStoreCheckpoint? since = null, CancellationToken cancellationToken = default)
    {
        var problems = new List<SipStoreProblem>();
        var anchors = new List<SipCaseAnchor>();
        var seen = new Dictionary<SipCaseId, SipCaseAnchor?>();
        long cases = 0;
        long tombstones = 0;

        // Every live case: its row against its document (the store's read refuses a mismatch), its chain, and no tombstone.
        for (SipCaseId? after = null; ;)
        {
            var ids = await _store.ListCaseIdsAsync(after, ScanPage, cancellationToken).ConfigureAwait(false);
            foreach (var id in ids)
            {
                cases++;
                seen[id] = null;
                var (sipCase, verification, rowProblem) = await TryLoadVerifiedAsync(id, cancellationToken).ConfigureAwait(false);
                if (sipCase is null && rowProblem is null)
                {
                    seen.Remove(id); // purged while the scan ran: its tombstone, listed below, accounts for it
                    continue;
                }

                if (rowProblem is not null)
                {
                    problems.Add(new SipStoreProblem(id, SipAuditFinding.RowMismatch, rowProblem));
                    continue;
                }

                if (!verification!.IsIntact)
                {
                    problems.Add(new SipStoreProblem(id, verification.Finding, verification.Problem!));
                }

                var anchor = new SipCaseAnchor(id, sipCase!.Version, sipCase.HistoryHead ?? string.Empty, Purged: false);
                seen[id] = anchor;
                anchors.Add(anchor);
            }

            if (ids.Count < ScanPage)
            {
                break;
            }

            after = ids[^1];
        }

        var purged = new Dictionary<SipCaseId, SipTombstone>();
        for (SipCaseId? after = null; ;)
        {
            var page = await _store.ListTombstonesAsync(after, ScanPage, cancellationToken).ConfigureAwait(false);
            foreach (var tombstone in page)
            {
                tombstones++;
                purged[tombstone.CaseId] = tombstone;
                if (!SipAuditChain.IsValid(tombstone, _keys))
                {
                    problems.Add(new SipStoreProblem(tombstone.CaseId, SipAuditFinding.TombstoneNotValid,
                        $"the tombstone of case {tombstone.CaseId} does not match its seal: it was written or changed outside the engine"));
                }
                else if (!IsLawful(tombstone))
                {
                    // The engine never purges early; a sealed tombstone that says otherwise was made without the engine's checks.
                    problems.Add(new SipStoreProblem(tombstone.CaseId, SipAuditFinding.TombstoneNotValid,
                        $"the tombstone of case {tombstone.CaseId} records a purge before its retention ended, or under a shorter period than the law's"));
                }
                else if (seen.ContainsKey(tombstone.CaseId))
                {
                    problems.Add(new SipStoreProblem(tombstone.CaseId, SipAuditFinding.TombstoneNotValid, PurgedCaseBack(tombstone.CaseId)));
                }

                anchors.Add(new SipCaseAnchor(tombstone.CaseId, tombstone.LastVersion, tombstone.LastHeadHash, Purged: true));
            }

            if (page.Count < ScanPage)
            {
                break;
            }

            after = page[^1].CaseId;
        }

        if (since is not null)
        {
            await CompareWithAsync(since, seen, purged, problems, cancellationToken).ConfigureAwait(false);
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

    // Each case the earlier checkpoint knew must still be there at its version or later with the same head then, or be
    // accounted for by a valid tombstone.
    private async Task CompareWithAsync(
        SipStoreCheckpoint since, Dictionary<SipCaseId, SipCaseAnchor?> live, Dictionary<SipCaseId, SipTombstone> purged, List<SipStoreProblem> problems, CancellationToken cancellationToken)
    {
        if (!SipAuditChain.IsValid(since, _keys))
        {
            problems.Add(new SipStoreProblem(null, SipAuditFinding.CheckpointNotValid,
                "the store checkpoint does not match its head or its seal: it was changed, or it was sealed with an audit key not given"));
            return;
        }

        foreach (var anchor in since.Anchors)
        {
            SipAuditVerification outcome;
            if (live.TryGetValue(anchor.CaseId, out var now))
            {
                if (anchor.Purged)
                {
                    // Reported with the tombstone when it is still there; without it, only the checkpoint knows.
                    if (!purged.ContainsKey(anchor.CaseId))
                    {
                        problems.Add(new SipStoreProblem(anchor.CaseId, SipAuditFinding.TombstoneNotValid, PurgedCaseBack(anchor.CaseId) + " and its tombstone is gone"));
                    }

                    continue;
                }

                if (now is null)
                {
                    continue; // a row that cannot be read, reported with the case already
                }

                var history = await _store.GetHistoryAsync(anchor.CaseId, cancellationToken).ConfigureAwait(false);
                outcome = SipAuditChain.Compare(anchor.CaseId, anchor.Version, anchor.HeadHash, history, now.Version, null, _keys);
            }
            else
            {
                outcome = SipAuditChain.Compare(anchor.CaseId, anchor.Version, anchor.HeadHash, [], null, purged.GetValueOrDefault(anchor.CaseId), _keys);
            }

            if (!outcome.IsIntact)
            {
                problems.Add(new SipStoreProblem(anchor.CaseId, outcome.Finding, outcome.Problem!));
            }
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

    private async Task<(SipCase Case, SipAuditVerification Verification)> LoadVerifiedAsync(SipCaseId caseId, CancellationToken cancellationToken)
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

        return (sipCase, SipAuditChain.Verify(history, sipCase, _keys));
    }

    private async Task<(SipCase? Case, SipAuditVerification? Verification, string? RowProblem)> TryLoadVerifiedAsync(SipCaseId caseId, CancellationToken cancellationToken)
    {
        try
        {
            var (sipCase, verification) = await LoadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false);
            return (sipCase, verification, null);
        }
        catch (SipStorageException e)
        {
            return (null, null, e.Message);
        }
        catch (SipCaseNotFoundException)
        {
            return await _store.GetTombstoneAsync(caseId, cancellationToken).ConfigureAwait(false) is null
                ? (null, null, $"case {caseId} is listed but cannot be read: its row was changed outside the engine")
                : (null, null, null);
        }
    }

    /// <inheritdoc />
    public async Task<SipGallringPage> GetDueForGallringAsync(
        SipRetentionRule rule, DateOnly asOf, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        Check.NotNull(rule, nameof(rule));
        CheckPage(pageSize, continuationToken);
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

        var (sipCase, verification) = await LoadVerifiedAsync(request.CaseId, cancellationToken).ConfigureAwait(false);
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

        var history = await _store.GetHistoryAsync(sipCase.Id, cancellationToken).ConfigureAwait(false);
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
