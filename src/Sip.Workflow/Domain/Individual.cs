using System.Text.Json.Serialization;
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

    /// <summary>The individual is a child (under 18): the legal guardians consent for them (föräldrabalken 6 kap. 11 §).</summary>
    public bool IsChild { get; init; }

    /// <summary>
    /// The host's opaque references to a child's legal guardians (<i>vårdnadshavare</i>): one or two; none for an adult.
    /// With two, both must consent (föräldrabalken 6 kap. 13 §), and a guardian's consent must name one of these.
    /// Compared without regard to case or surrounding white space; never a personal identity number.
    /// </summary>
    public IReadOnlyList<string> LegalGuardians
    {
        get;
        init
        {
            var guardians = Check.TextList(value, nameof(LegalGuardians), 2, SipLimits.NameMaxLength, multiline: false);
            foreach (var guardian in guardians)
            {
                PersonalIdentityNumber.Refuse(guardian, nameof(LegalGuardians));
            }

            if (!Check.IsTrusted && guardians.Select(GuardianKey).Distinct(StringComparer.Ordinal).Count() != guardians.Count)
            {
                throw new ArgumentException($"'{nameof(LegalGuardians)}' names the same guardian twice.", nameof(LegalGuardians));
            }

            field = guardians;
        }
    } = SipList<string>.Empty;

    /// <summary>How many legal guardians the child has: 0, 1 or 2.</summary>
    [JsonIgnore]
    public int LegalGuardianCount => LegalGuardians.Count;

    /// <summary>Whether <paramref name="reference"/> names one of <see cref="LegalGuardians"/>.</summary>
    /// <param name="reference">A guardian reference.</param>
    public bool IsLegalGuardian(string? reference)
        => reference is not null && LegalGuardians.Any(g => string.Equals(GuardianKey(g), GuardianKey(reference), StringComparison.Ordinal));

    internal static string GuardianKey(string reference) => reference.Trim().ToUpperInvariant();

    /// <summary>Shows the flags only: never the reference, the guardians or the interpreter language.</summary>
    public override string ToString() => $"Individual (child: {IsChild}, guardians: {LegalGuardianCount})";

    /// <summary>Checks the combination of flags that single properties cannot check alone.</summary>
    /// <exception cref="ArgumentException">A child without guardians, or an adult with guardians.</exception>
    internal Individual Validated(string paramName)
    {
        if (IsChild && LegalGuardianCount == 0)
        {
            throw new ArgumentException(
                $"'{paramName}' is a child with no legal guardian; name the one or two guardians in LegalGuardians (they consent for a child).",
                paramName);
        }

        if (!IsChild && LegalGuardianCount != 0)
        {
            throw new ArgumentException(
                $"'{paramName}' is an adult with {LegalGuardianCount} legal guardian(s); LegalGuardians applies to children only " +
                "(an adult's representative is a proxy: ConsentGiver.Proxy).",
                paramName);
        }

        return this;
    }
}
