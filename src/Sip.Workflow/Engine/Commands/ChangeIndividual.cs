using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Changes the individual's protected-identity and interpreter flags. The individual's reference and legal guardians
/// never change on a case.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ChangeIndividual : SipCaseCommand
{
    /// <summary>The individual has a protected identity.</summary>
    public required bool HasProtectedIdentity { get; init; }

    /// <summary>The language an interpreter is needed for; <see langword="null"/> when none is.</summary>
    public string? InterpreterLanguage
    {
        get;
        init => field = Check.OptionalText(value, nameof(InterpreterLanguage), SipLimits.NameMaxLength);
    }

    internal override SipTrigger Trigger => SipTrigger.ChangeIndividual;

    internal override string EventType => SipEventTypes.IndividualChanged;

    internal override SipApplied Apply(SipCase current, SipCommandContext context) => new(
        current with { Individual = current.Individual with { HasProtectedIdentity = HasProtectedIdentity, InterpreterLanguage = InterpreterLanguage } },
        Details(("protectedIdentity", Flag(HasProtectedIdentity)), ("interpreterNeeded", Flag(InterpreterLanguage is not null))));
}
