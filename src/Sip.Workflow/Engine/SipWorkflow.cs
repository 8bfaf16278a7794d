using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sip.Workflow.Internal;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// The SIP engine: runs each command through load → apply to a staging copy → check requirements → fire the Stateless
/// step → save with the expected version and the history event in one store call.
/// </summary>
/// <threadsafety>Safe to use from many threads at once; it holds no per-case state.</threadsafety>
public sealed partial class SipWorkflow : ISipWorkflow
{
    private readonly ISipCaseStore _store;
    private readonly SipProcess _process;
    private readonly SipPolicy _policy;
    private readonly FrozenDictionary<string, SipProcess> _processes;
    private readonly SipLanguage _language;
    private readonly TimeProvider _time;
    private readonly SipWorkflowInstruments _instruments;
    private readonly SipAuditKeyRing _keys;
    private readonly int _maxDocumentBytes;
    private readonly int _maxEvents;
    private readonly int _hashForm;
    private readonly int _retries;
    private readonly ISipAccessPolicy _access;
    private readonly ISipAccessLogStore? _accessLog;

    /// <summary>Creates the engine.</summary>
    /// <param name="store">Where cases are kept.</param>
    /// <param name="options">Policy and language; <see cref="SipPolicy.NationalGuidance"/> in Swedish unless given.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> unless given.</param>
    /// <param name="logger">Where to log; nothing is logged unless given. Logs carry ids, states and codes only.</param>
    /// <param name="meterFactory">Creates the <c>Sip.Workflow</c> meter; a shared meter unless given.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SipWorkflow(
        ISipCaseStore store,
        SipWorkflowOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<SipWorkflow>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new SipWorkflowOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                SipProblems.ToMessage("The SIP workflow options are not valid", problems), nameof(options));
        }

        _store = store;
        _policy = options.Policy;
        _process = new SipProcess(options.Policy);

        // Validation has refused two different policies under one name, so each name is one policy: the default first.
        Policies = [_policy, .. options.KnownPolicies.Where(p => p.Name != _policy.Name).DistinctBy(p => p.Name)];
        _processes = Policies.Skip(1).Select(p => new SipProcess(p)).Append(_process).ToFrozenDictionary(p => p.Policy.Name, StringComparer.Ordinal);
        _language = options.Language;
        _time = timeProvider ?? TimeProvider.System;
        _keys = options.AuditKeys();
        _maxDocumentBytes = options.MaxCaseDocumentBytes;
        _maxEvents = options.MaxEventsPerCase;
        _hashForm = options.SealedHashForm;
        _retries = options.ConcurrencyRetries;
        _access = options.Access;
        _accessLog = options.AccessLog ?? store as ISipAccessLogStore;
        _instruments = new SipWorkflowInstruments(meterFactory, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>The process new cases are opened under.</summary>
    public SipProcess Process => _process;

    /// <summary>The process a case runs under: the one of the policy it was opened under.</summary>
    /// <param name="sipCase">The case.</param>
    /// <exception cref="SipUnknownPolicyException">The engine does not know that policy.</exception>
    public SipProcess ProcessOf(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return _processes.TryGetValue(sipCase.PolicyName, out var process)
            ? process
            : throw new SipUnknownPolicyException(sipCase.Id, sipCase.PolicyName, _processes.Keys);
    }

    /// <inheritdoc />
    public IReadOnlyList<SipPolicy> Policies { get; }

    // A case is opened under a policy the engine knows, by name; anything else is bad input naming what is allowed.
    private SipProcess ProcessNamed(string policyName, string paramName)
        => _processes.TryGetValue(policyName, out var process)
            ? process
            : throw new ArgumentException(
                $"'{paramName}' names the policy '{policyName}', which this engine does not know; allowed: " +
                $"{string.Join(", ", Policies.Select(p => $"'{p.Name}'"))}. Add it to SipWorkflowOptions.KnownPolicies to open cases under it.",
                paramName);

    /// <inheritdoc />
    public Task<SipCommandResult> ExecuteAsync(SipCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return _instruments.MeasureAsync(command.GetType().Name, command.TargetCaseId, static s => s.Engine.RunOnceOrRetriedAsync(s.Command, s.Token), (Engine: this, Command: command, Token: cancellationToken));
    }

    // Value tasks inside the engine: a command on a store that answers at once (the in-memory one, a cached read) completes
    // synchronously, and each layer would otherwise allocate a task for its result; only the public method's task remains.
    private ValueTask<SipCommandResult> RunOnceOrRetriedAsync(SipCommand command, CancellationToken cancellationToken)
        => _retries == 0 ? RunAsync(command, cancellationToken) : RunWithRetriesAsync(command, cancellationToken);

    // A lost race on an existing case is run again from the load when the host allows it and the command did not pin the
    // version its author saw; opening a case is not (its id is either free or taken, and a second run changes nothing).
    private async ValueTask<SipCommandResult> RunWithRetriesAsync(SipCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunAsync(command, cancellationToken).ConfigureAwait(false);
            }
            catch (SipConcurrencyException lost) when (attempt <= _retries && command is SipCaseCommand { ExpectedVersion: null })
            {
                _instruments.Retried(command.GetType().Name, lost, attempt);
            }
        }
    }

    // One pipeline for every command, opening a case included: replay → load → the step exists → apply → guards and
    // fire → seal → save naming the version read → a lost race may be this command's own retry.
    private async ValueTask<SipCommandResult> RunAsync(SipCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var eventType = command.EventType;

        // Only a command with an id can be a retry; one without is not looked up at all.
        if (command.CommandId is not null && await TryReplayAsync(command, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        SipCase? current = null;
        var process = _process;
        if (command is SipCaseCommand caseCommand)
        {
            // The store may answer from the case it wrote at the version still stored; the save names that version.
            current = await LoadForCommandAsync(caseCommand.CaseId, cancellationToken).ConfigureAwait(false);
            process = ProcessOf(current);
        }
        else if (command is OpenCase { Policy: { } policyName })
        {
            process = ProcessNamed(policyName, nameof(OpenCase.Policy));
        }

        AuthoriseCommand(command, current);

        var now = _time.GetUtcNow();
        SipApplied applied;
        SipCase fired;
        try
        {
            if (command is SipCaseCommand existing)
            {
                // Checked before anything else about the step: a command composed from an older view of the case is
                // stale, whatever the case's state now allows. Inside the try, so that meeting its own retry's effect is
                // answered with the replay.
                if (existing.ExpectedVersion is { } seen && seen != current!.Version)
                {
                    throw new SipConcurrencyException(current.Id, seen, current.Version);
                }

                // The step must exist in this state before the command's data is even looked at: a closed case
                // refuses everything with the same clear message, whatever the input.
                process.EnsureExists(current!, existing.Trigger, _language);
            }

            // A step on a case applies synchronously (SipCaseCommand.ApplyAsync wraps Apply): called as such, without a
            // value task to await and copy out of.
            var context = new SipCommandContext(now, process.Policy, _language, _store);
            applied = command is SipCaseCommand step
                ? step.Apply(current!, context)
                : await command.ApplyAsync(current, context, cancellationToken).ConfigureAwait(false);
            fired = command is SipCaseCommand stepped ? process.FireExisting(applied.Case, stepped.Trigger, _language, now, applied.Disclosed) : applied.Case;
        }
        catch (Exception refused) when (command.CommandId is not null && refused is ArgumentException or SipWorkflowException)
        {
            // A retry of this very command may have been stored between the replay check above and the load: the
            // command then meets its own effect (the deviation already there, the case already closed) and the
            // answer is the replay, not a refusal. Costs a lookup only on the refusal path.
            if (await TryReplayAsync(command, cancellationToken).ConfigureAwait(false) is { } ownEffect)
            {
                return ownEffect;
            }

            throw;
        }

        // Stateless takes no token: the last chance to cancel without effect is before the save.
        cancellationToken.ThrowIfCancellationRequested();
        var (next, sipEvent, bodyBytes) = Seal(process, fired, current?.Version ?? 0, current?.HistoryHead, current?.State, eventType, command, now, applied.Details);
        EnsureWithinLimits(next, bodyBytes, command.LimitReservePercent);
        try
        {
            if (current is null)
            {
                await _store.CreateAsync(next, sipEvent, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _store.UpdateAsync(next, current.Version, sipEvent, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SipConcurrencyException) when (command.CommandId is not null)
        {
            // A concurrent retry of the same command may have won; then this call is its replay.
            var replayed = await TryReplayAsync(command, cancellationToken).ConfigureAwait(false);
            if (replayed is null)
            {
                throw;
            }

            return replayed;
        }

        return new SipCommandResult(next, sipEvent, IsReplay: false);
    }

    // The case hash is of the fourth form (or the third, during a rolling upgrade): the case's own members and one memoised
    // digest per list element, so a command on a case with many revisions re-hashes what it changed, not the whole case
    // (docs/audit-trail.md).
    // The case a command acts on. One the store read from its document (not one this engine sealed and the store kept) is
    // checked against its newest event first: a document edited outside the engine is refused, never sealed into history by
    // the step. A store's remembered copy may be the edit while the stored document was restored meanwhile: then the stored
    // one is read afresh, and acted on if it holds.
    private async ValueTask<SipCase> LoadForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken)
    {
        var current = await _store.GetForCommandAsync(caseId, cancellationToken).ConfigureAwait(false) ?? throw new SipCaseNotFoundException(caseId);
        if (await ChangedOutsideAsync(current, cancellationToken).ConfigureAwait(false) is not { } problem)
        {
            return current;
        }

        var stored = await _store.GetAsync(caseId, cancellationToken).ConfigureAwait(false) ?? throw new SipCaseNotFoundException(caseId);
        if (!ReferenceEquals(stored, current) && await ChangedOutsideAsync(stored, cancellationToken).ConfigureAwait(false) is null)
        {
            return stored;
        }

        throw new SipStorageException(
            $"SIP case {caseId} was changed outside Sip.Workflow ({problem}); no step is taken on it. Verify its history (VerifyHistoryAsync) and restore it from a backup.");
    }

    // The case and its newest event are two reads: another writer may have moved the case on (or purged it) between them.
    // Then this is a lost race, not an edit, and the save refuses it as it would any conflict; only an event at the case's
    // own version, or a history shorter than the case, says something about the document.
    private async Task<string?> ChangedOutsideAsync(SipCase sipCase, CancellationToken cancellationToken)
    {
        if (!SipJson.WasReadFromDocument(sipCase))
        {
            return null;
        }

        var newest = await _store.GetNewestEventAsync(sipCase.Id, cancellationToken).ConfigureAwait(false);
        if (newest is not null && newest.HashVersion > SipAuditChain.CurrentForm)
        {
            // A later release sealed the newest event (or its form was changed): this one can neither check the case against it
            // nor seal a step after it.
            throw new SipStorageException(
                $"SIP case {sipCase.Id}'s newest event is of hash form {newest.HashVersion}, which this version of Sip.Workflow does not know (it knows forms 1 to {SipAuditChain.CurrentForm}): a later release wrote it, or it was changed; no step is taken on the case by this one. Run a release that knows form {newest.HashVersion}, or verify the history with one.");
        }

        return newest is null || newest.Sequence > sipCase.Version ? null : SipAuditChain.NewestEventProblem(newest, sipCase, _keys);
    }

    private (SipCase Case, SipEvent Event, long BodyBytes) Seal(
        SipProcess process, SipCase fired, long version, string? previousHash, SipState? fromState, string eventType, SipCommand command,
        DateTimeOffset now, IReadOnlyDictionary<string, string> details)
    {
        // The case hash is of the case as sealed (the history head is no part of it), digested before the one copy is made.
        // The open deadlines are sealed with the case (the first as the indexed next deadline), so that due work reads them
        // from the case's head instead of working them out from its whole history of revisions and follow-ups.
        var open = SipDeadlines.Open(fired, process.Policy);
        var openDeadlines = SameDeadlines(fired.OpenDeadlines, open);
        DateTimeOffset? nextDeadline = openDeadlines.Count == 0 ? null : openDeadlines[0].DueAt;
        var key = _keys.CurrentKey;
        var (caseHash, bodyBytes) = SipCaseBody.Digest(fired, key, _hashForm, version + 1, nextDeadline, openDeadlines);
        var sipEvent = new SipEvent
        {
            HashVersion = _hashForm,
            AuditKeyId = _keys.CurrentKeyId,
            CommandFingerprint = command.CommandId is null ? null : SipCommandFingerprint.Compute(command, key),
            CaseHash = Convert.ToHexStringLower(caseHash),
            CaseId = fired.Id,
            Sequence = version + 1,
            EventType = eventType,
            FromState = fromState,
            ToState = fired.State,
            Actor = command.Actor,
            OccurredAt = now,
            CommandId = command.CommandId,
            Details = details,
            PreviousHash = previousHash ?? string.Empty,
            Hash = string.Empty,
        };
        sipEvent.SealWith(SipAuditChain.ComputeHash(sipEvent, key));
        var sealedCase = fired with { Version = version + 1, NextDeadline = nextDeadline, OpenDeadlines = openDeadlines, HistoryHead = sipEvent.Hash };
        return (sealedCase, sipEvent, bodyBytes);
    }

    // Most commands leave the open deadlines as they were: the case's own list (and its elements) is then kept, so the case
    // body's memoised digest of it is reused instead of each element being written and hashed again on every command.
    private static IReadOnlyList<SipDeadline> SameDeadlines(IReadOnlyList<SipDeadline>? before, IReadOnlyList<SipDeadline> open)
    {
        if (before is not null && before.Count == open.Count)
        {
            var same = true;
            for (var i = 0; i < open.Count && same; i++)
            {
                same = Same(before[i], open[i]);
            }

            if (same)
            {
                return before;
            }
        }

        if (open.Count == 0)
        {
            return Internal.SipList<SipDeadline>.Empty;
        }

        // A changed list keeps the elements that did not change, with their memoised parts.
        var elements = new SipDeadline[open.Count];
        for (var i = 0; i < open.Count; i++)
        {
            elements[i] = before?.FirstOrDefault(kept => Same(kept, open[i])) ?? open[i];
        }

        return Internal.SipList<SipDeadline>.Of(elements);

        // The same rule and the same instant written with the same offset: what is sealed is what the policy gives, to the byte.
        static bool Same(SipDeadline a, SipDeadline b) => ReferenceEquals(a.Requirement, b.Requirement) && a.DueAt.EqualsExact(b.DueAt);
    }

    // Checked on the sealed case, as the store will write it: the bound is on what is stored, not on the command's input.
    private void EnsureWithinLimits(SipCase next, long bodyBytes, int reservePercent)
    {
        // A reserve above the limits for the steps that must never be blocked by a full case; in long, so no limit overflows.
        long Bound(int limit) => limit + ((long)limit * reservePercent / 100);
        if (next.Version > Bound(_maxEvents))
        {
            throw new SipCaseLimitExceededException(next.Id, SipCaseLimit.EventCount, Bound(_maxEvents), next.Version);
        }

        var bytes = SipJson.CaseDocumentByteCount(bodyBytes, next.HistoryHead);
        if (bytes > Bound(_maxDocumentBytes))
        {
            throw new SipCaseLimitExceededException(next.Id, SipCaseLimit.DocumentSize, Bound(_maxDocumentBytes), bytes);
        }
    }

    private async Task<SipCommandResult?> TryReplayAsync(SipCommand command, CancellationToken cancellationToken)
    {
        if (command.CommandId is not { } id)
        {
            return null;
        }

        var caseId = command.TargetCaseId;
        var eventType = command.EventType;

        var earlier = await _store.FindByCommandIdAsync(id, cancellationToken).ConfigureAwait(false);
        if (earlier is null)
        {
            return null;
        }

        if ((caseId is { } expected && earlier.CaseId != expected) || !string.Equals(earlier.EventType, eventType, StringComparison.Ordinal))
        {
            throw new SipIdempotencyConflictException(id, earlier.CaseId, earlier.EventType);
        }

        // The same id with other content is another command, never a retry: replaying would drop it without a word.
        if (earlier.CommandFingerprint is { } fingerprint
            && !(_keys.TryGet(earlier.AuditKeyId, out var key)
                && string.Equals(fingerprint, SipCommandFingerprint.Compute(command, key), StringComparison.Ordinal)))
        {
            throw new SipIdempotencyConflictException(id, earlier.CaseId, earlier.EventType, contentDiffers: true);
        }

        var current = await _store.GetAsync(earlier.CaseId, cancellationToken).ConfigureAwait(false) ?? throw new SipCaseNotFoundException(earlier.CaseId);

        // A replay hands back the case as it is now: only to an actor who may read it (a command id is no key to a case).
        var decision = _access.Decide(new SipAccessRequest(command.Actor, SipAccessAction.ReadCase, current));
        if (!decision.IsAllowed)
        {
            _instruments.AccessRefused(SipAccessAction.ReadCase, decision.Rule, current.Id);
            throw new SipAccessRefusedException(SipAccessAction.ReadCase, decision.Rule, current.Id);
        }

        return new SipCommandResult(current, earlier, IsReplay: true);
    }

    /// <inheritdoc />
    public Task<SipCase?> GetCaseAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        Check.Id(caseId, nameof(caseId));
        AuthoriseUnattributed(SipAccessAction.ReadCase);
        return _store.GetAsync(caseId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        Check.Id(caseId, nameof(caseId));
        AuthoriseUnattributed(SipAccessAction.ReadHistory);
        var history = await _store.GetHistoryAsync(caseId, cancellationToken).ConfigureAwait(false);

        // Every case has at least its opening event, so only an empty history needs the second look that tells "no such
        // case" apart, as every other query on a case does.
        if (history.Count == 0 && await _store.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new SipCaseNotFoundException(caseId);
        }

        return history;
    }

    /// <inheritdoc />
    public async Task<SipAuditVerification> VerifyHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        AuthoriseUnattributed(SipAccessAction.SystemRead);
        return (await LoadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false)).Verification;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PermittedAction>> GetPermittedActionsAsync(
        SipCaseId caseId, SipLanguage? language = null, CancellationToken cancellationToken = default)
    {
        var chosen = language is { } l ? Check.Defined(l, nameof(language)) : _language;
        AuthoriseUnattributed(SipAccessAction.ReadCase);
        var sipCase = await LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        return ProcessOf(sipCase).GetPermittedActions(sipCase, _time.GetUtcNow(), chosen);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PermittedAction>> ReadPermittedActionsAsync(
        SipCaseId caseId, SipReader reader, SipLanguage? language = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var chosen = language is { } l ? Check.Defined(l, nameof(language)) : _language;
        var sipCase = await LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        await AuthoriseReadAsync(reader, SipAccessAction.ReadCase, sipCase, cancellationToken).ConfigureAwait(false);

        // Asked as the command would be: a step the rules would refuse this actor is not offered.
        return
        [
            .. ProcessOf(sipCase).GetPermittedActions(sipCase, _time.GetUtcNow(), chosen)
                .Where(a => _access.Decide(new SipAccessRequest(reader.Actor, ActionOf(a.Trigger), sipCase, a.Trigger)).IsAllowed),
        ];
    }

    /// <inheritdoc />
    public async Task<DueWorkPage> GetDueWorkAsync(
        DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        Check.Moment(dueAtOrBefore, nameof(dueAtOrBefore));
        CheckPage(pageSize, continuationToken);
        AuthoriseUnattributed(SipAccessAction.List);

        var query = new SipCaseQuery { DeadlineAtOrBefore = dueAtOrBefore, PageSize = pageSize, ContinuationToken = continuationToken };
        var page = await _store.QueryHeadsAsync(query, cancellationToken).ConfigureAwait(false);
        if (!AllSealed(page))
        {
            page = await _store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        }

        return DueWorkOf(page);
    }

    // Due work is read from each case's head: its state, lead principal and the open deadlines sealed with its last command.
    // A page holding a case sealed before those were kept (or under a rule this release does not know) is read again, whole,
    // with the same query (one read, not one per case, and its cases and token as that query found them), and those cases'
    // deadlines worked out from the whole case under its policy, as due work did before the deadlines were sealed.
    private static bool AllSealed(SipCasePage page) => page.Cases.All(c => c.OpenDeadlines is not null);

    private DueWorkPage DueWorkOf(SipCasePage page)
    {
        var now = _time.GetUtcNow();
        var items = new List<DueWorkItem>(page.Cases.Count);
        foreach (var sipCase in page.Cases)
        {
            // A case is watched under its own policy; one the engine does not know is still listed, by the engine's.
            var open = sipCase.OpenDeadlines ?? SipDeadlines.Open(sipCase, _processes.TryGetValue(sipCase.PolicyName, out var own) ? own.Policy : _policy);
            if (open.Count > 0)
            {
                items.Add(new DueWorkItem(sipCase.Id, sipCase.State, open[0], open[0].DueAt < now, open, sipCase.LeadPrincipal));
            }
        }

        return new DueWorkPage(items, page.ContinuationToken);
    }

    /// <inheritdoc />
    public Task<SipCasePage> QueryCasesAsync(SipCaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        AuthoriseUnattributed(SipAccessAction.List);
        return _store.QueryAsync(query, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipFeedEntry>> ReadEventsAsync(long afterPosition, int maxCount = 100, CancellationToken cancellationToken = default)
    {
        // Checked here too, so that a bad argument is refused the same way whatever store (or decorator) is below.
        SipStoreRules.ValidateFeedRead(afterPosition, maxCount);
        AuthoriseUnattributed(SipAccessAction.SystemRead);
        return _store.ReadFeedAsync(afterPosition, maxCount, cancellationToken);
    }

    /// <inheritdoc />
    public string GetProcessDiagram(DiagramFormat format = DiagramFormat.Mermaid, SipLanguage? language = null, string? policyName = null)
    {
        var chosen = language is { } l ? Check.Defined(l, nameof(language)) : _language;
        var process = policyName is null ? _process : ProcessNamed(policyName, nameof(policyName));
        return Check.Defined(format, nameof(format)) == DiagramFormat.Dot ? process.ToDot(chosen) : process.ToMermaid(chosen);
    }

    private static int CheckPage(int pageSize, string? continuationToken)
    {
        if (pageSize < 1 || pageSize > SipCaseQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"'{nameof(pageSize)}' is {pageSize}; it must be between 1 and {SipCaseQuery.MaxPageSize}.");
        }

        if (continuationToken is not null)
        {
            SipCaseCursor.Parse(continuationToken, nameof(continuationToken));
        }

        return pageSize;
    }

    private async Task<SipCase> LoadAsync(SipCaseId caseId, CancellationToken cancellationToken)
        => await _store.GetAsync(Check.Id(caseId, nameof(caseId)), cancellationToken).ConfigureAwait(false)
            ?? throw new SipCaseNotFoundException(caseId);
}
