using Sip.Workflow.Internal;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

// The authorisation port and the access log: every command and every read goes through here before it has any effect.
public sealed partial class SipWorkflow
{
    private static SipAccessAction ActionOf(SipCommand command) => command is SipCaseCommand step ? ActionOf(step.Trigger) : SipAccessAction.Open;

    private static SipAccessAction ActionOf(SipTrigger trigger) => trigger switch
    {
        SipTrigger.CloseCase or SipTrigger.CloseAndRestart => SipAccessAction.Close,
        SipTrigger.RevisePlan => SipAccessAction.Revise,
        SipTrigger.AssignLeadPrincipal => SipAccessAction.ChangeLead,
        _ => SipAccessAction.Act,
    };

    // A refused command changes nothing: it is refused before the command's data is even looked at.
    private void AuthoriseCommand(SipCommand command, SipCase? current)
    {
        var action = ActionOf(command);
        var decision = _access.Decide(new SipAccessRequest(command.Actor, action, current, (command as SipCaseCommand)?.Trigger));
        if (!decision.IsAllowed)
        {
            _instruments.AccessRefused(action, decision.Rule, current?.Id);
            throw new SipAccessRefusedException(action, decision.Rule, current?.Id);
        }
    }

    // Gallring goes through the rules as every other change does, with the case at hand; a refusal removes nothing.
    private void AuthorisePurge(SipActor actor, SipCase sipCase)
    {
        var decision = _access.Decide(new SipAccessRequest(actor, SipAccessAction.Purge, sipCase));
        if (!decision.IsAllowed)
        {
            _instruments.AccessRefused(SipAccessAction.Purge, decision.Rule, sipCase.Id);
            throw new SipAccessRefusedException(SipAccessAction.Purge, decision.Rule, sipCase.Id);
        }
    }

    // The reads that name no reader: the rules decide whether they are allowed at all (the default rules refuse them; a
    // host that named AllowAll keeps them). Nothing to log: there is no one to name.
    private void AuthoriseUnattributed(SipAccessAction action)
    {
        var decision = _access.Decide(new SipAccessRequest(null, action, null));
        if (!decision.IsAllowed)
        {
            _instruments.AccessRefused(action, decision.Rule, null);
            throw new SipAccessRefusedException(action, decision.Rule, null);
        }
    }

    // A read of one case: decided, then logged — allowed or refused — before anything is answered, so the log holds every
    // read that was answered, and every attempt that was not.
    private async Task AuthoriseReadAsync(SipReader reader, SipAccessAction action, SipCase sipCase, CancellationToken cancellationToken)
    {
        var actor = reader.Actor;
        var decision = _access.Decide(new SipAccessRequest(actor, action, sipCase, null, reader.Reason));
        var log = _accessLog ?? throw new SipStorageException(
            "The case store keeps no access log (ISipAccessLogStore), so a read that names its reader cannot be logged and is not answered; " +
            "give SipWorkflowOptions.AccessLog, or use a store of this library.");
        await log.AppendAccessAsync(
            new SipAccessRecord
            {
                CaseId = sipCase.Id,
                At = _time.GetUtcNow(),
                Actor = actor,
                Action = action,
                Reason = reader.Reason,
                Allowed = decision.IsAllowed,
                Rule = decision.Rule,
            },
            cancellationToken).ConfigureAwait(false);
        _instruments.Read(action, decision.IsAllowed);
        if (!decision.IsAllowed)
        {
            _instruments.AccessRefused(action, decision.Rule, sipCase.Id);
            throw new SipAccessRefusedException(action, decision.Rule, sipCase.Id);
        }

        if (decision.AsAdministrator)
        {
            _instruments.AdministratorRead(action, sipCase.Id, actor.UserId, reader.Reason ?? string.Empty);
        }
    }

    /// <inheritdoc />
    public async Task<SipCase?> ReadCaseAsync(SipCaseId caseId, SipReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sipCase = await _store.GetAsync(Check.Id(caseId, nameof(caseId)), cancellationToken).ConfigureAwait(false);
        if (sipCase is not null)
        {
            await AuthoriseReadAsync(reader, reader.Purpose, sipCase, cancellationToken).ConfigureAwait(false);
        }

        return sipCase;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SipEvent>> ReadHistoryAsync(SipCaseId caseId, SipReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sipCase = await LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        await AuthoriseReadAsync(reader, SipAccessAction.ReadHistory, sipCase, cancellationToken).ConfigureAwait(false);
        return await _store.GetHistoryAsync(caseId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DueWorkPage> ReadDueWorkAsync(
        SipReader reader, DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var query = new SipCaseQuery { DeadlineAtOrBefore = Check.Moment(dueAtOrBefore, nameof(dueAtOrBefore)), PageSize = CheckPage(pageSize, continuationToken), ContinuationToken = continuationToken };
        var heads = _access.DecidesListsOnHeads;
        var page = await QueryVisibleAsync(reader, query, heads, cancellationToken).ConfigureAwait(false);
        if (heads && !AllSealed(page))
        {
            // Read whole, and decided again on the whole cases as read.
            page = await QueryVisibleAsync(reader, query, heads: false, cancellationToken).ConfigureAwait(false);
        }

        return DueWorkOf(page);
    }

    /// <inheritdoc />
    public Task<SipCasePage> ReadCasesAsync(SipCaseQuery query, SipReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(reader);
        return QueryVisibleAsync(reader, query, heads: false, cancellationToken);
    }

    // Only the cases the reader may see. The store selects by the reader's list scope, so it loads no case the rules leave
    // out (the default rules' scope is exact); each case it returns is still decided as a list entry, so a policy with a
    // wider scope — or a key written outside the library — never shows a case the rules refuse. The page keeps the store's
    // continuation token, so with a wider scope a page may hold fewer cases than asked — even none — before the last;
    // paging on is still complete. With heads, the cases are read as heads (ISipCaseStore.QueryHeadsAsync), for a policy that
    // decides lists on heads alone; they are the engine's own, never handed to the host.
    private async Task<SipCasePage> QueryVisibleAsync(SipReader reader, SipCaseQuery query, bool heads, CancellationToken cancellationToken)
    {
        var scope = _access.ListScope(reader) ?? throw new InvalidOperationException(
            $"The access policy {_access.GetType().Name} returned no list scope; return SipListScope.Everything to select every case.");
        if (scope.Keys is { Count: 0 })
        {
            return new SipCasePage([], null);
        }

        var scoped = query with { AccessKeys = scope.Keys };
        var page = await (heads ? _store.QueryHeadsAsync(scoped, cancellationToken) : _store.QueryAsync(scoped, cancellationToken)).ConfigureAwait(false);
        var visible = page.Cases.Where(c => _access.Decide(new SipAccessRequest(reader.Actor, SipAccessAction.List, c, null, reader.Reason)).IsAllowed).ToList();
        return visible.Count == page.Cases.Count ? page : new SipCasePage(visible, page.ContinuationToken);
    }
}
