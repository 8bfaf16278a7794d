using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The individual the plan is for (<i>den enskilde / individen</i>), as far as the SIP process needs to know:
/// an opaque reference to the host's record and the flags that change how the process is run.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Individual
{
    /// <summary>The host's opaque reference to the individual.</summary>
    public required SubjectReference Reference
    {
        get;
        init => field = Check.NotNull(value, nameof(Reference));
    }

    /// <summary>
    /// The individual has a protected identity (<i>skyddad identitet / skyddade personuppgifter</i>): their address must
    /// never appear in a summons, an export or a log.
    /// </summary>
    public bool HasProtectedIdentity { get; init; }

    /// <summary>
    /// The language an interpreter (<i>tolk</i>) is needed for, or <see langword="null"/> when none is needed.
    /// A summons flags the need.
    /// </summary>
    public string? InterpreterLanguage
    {
        get;
        init => field = Check.OptionalText(value, nameof(InterpreterLanguage), SipLimits.NameMaxLength);
    }

    /// <summary>The individual is a child (under 18): legal guardians consent for them (föräldrabalken 6 kap. 11 §).</summary>
    public bool IsChild { get; init; }

    /// <summary>
    /// How many legal guardians (<i>vårdnadshavare</i>) a child has: 1 or 2; 0 for an adult. With two, both must
    /// consent (föräldrabalken 6 kap. 13 §).
    /// </summary>
    public int LegalGuardianCount
    {
        get;
        init => field = value is >= 0 and <= 2
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LegalGuardianCount), value,
                $"'{nameof(LegalGuardianCount)}' is {value}; a child has 1 or 2 legal guardians, an adult 0.");
    }

    /// <summary>Checks the combination of flags that single properties cannot check alone.</summary>
    /// <exception cref="ArgumentException">A child without guardians, or an adult with guardians.</exception>
    internal Individual Validated(string paramName)
    {
        if (IsChild && LegalGuardianCount == 0)
        {
            throw new ArgumentException(
                $"'{paramName}' is a child with no legal guardian; set LegalGuardianCount to 1 or 2 (the guardians consent for a child).",
                paramName);
        }

        if (!IsChild && LegalGuardianCount != 0)
        {
            throw new ArgumentException(
                $"'{paramName}' is an adult with {LegalGuardianCount} legal guardian(s); LegalGuardianCount applies to children only " +
                "(an adult's representative is a proxy: ConsentGiver.Proxy).",
                paramName);
        }

        return this;
    }
}
