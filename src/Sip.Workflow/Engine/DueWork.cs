namespace Sip.Workflow;

/// <summary>A case with work due (<i>bevakning</i>): its most urgent open deadline and all others.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="State">The case's state.</param>
/// <param name="Deadline">The most urgent open deadline.</param>
/// <param name="IsOverdue">Whether <see cref="Deadline"/> had passed when the query ran.</param>
/// <param name="OpenDeadlines">Every open deadline of the case, earliest first, as sealed with its last command (<see cref="SipCase.OpenDeadlines"/>).</param>
/// <param name="LeadPrincipal">The lead principal, when appointed: who should act.</param>
public sealed record DueWorkItem(
    SipCaseId CaseId,
    SipState State,
    SipDeadline Deadline,
    bool IsOverdue,
    IReadOnlyList<SipDeadline> OpenDeadlines,
    LeadPrincipal? LeadPrincipal)
{
    /// <summary>Every open deadline of the case, earliest first, as sealed with its last command (<see cref="SipCase.OpenDeadlines"/>).</summary>
    public IReadOnlyList<SipDeadline> OpenDeadlines
    {
        get;
        // A frozen copy with value equality, so that the value equals its copy read back from JSON.
        init => field = Internal.SipList<SipDeadline>.Of(value);
    } = Internal.SipList<SipDeadline>.Of(OpenDeadlines);

    /// <summary>The deadline rule's stable code.</summary>
    public string RequirementCode => Deadline.Requirement.Code;

    /// <summary>The deadline rule's legal reference: the law in force on the (Swedish) date the deadline falls.</summary>
    public string LegalReference => Deadline.Requirement.CitationOn(SipLegalReferences.SwedishDateOf(Deadline.DueAt));

    /// <summary>When the most urgent deadline falls.</summary>
    public DateTimeOffset DueAt => Deadline.DueAt;
}

/// <summary>One page of due work, ordered by due time.</summary>
/// <param name="Items">The items.</param>
/// <param name="ContinuationToken">For the next page; <see langword="null"/> on the last page.</param>
public sealed record DueWorkPage(IReadOnlyList<DueWorkItem> Items, string? ContinuationToken)
{
    /// <summary>The items.</summary>
    public IReadOnlyList<DueWorkItem> Items
    {
        get;
        // A frozen copy with value equality, so that the value equals its copy read back from JSON.
        init => field = Internal.SipList<DueWorkItem>.Of(value);
    } = Internal.SipList<DueWorkItem>.Of(Items);
}
