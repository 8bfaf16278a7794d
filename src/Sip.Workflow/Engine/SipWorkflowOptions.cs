namespace Sip.Workflow;

/// <summary>How the engine runs.</summary>
public sealed class SipWorkflowOptions
{
    /// <summary>The policy cases are run under.</summary>
    /// <value>The default is <see cref="SipPolicy.NationalGuidance"/>.</value>
    public SipPolicy Policy { get; set; } = SipPolicy.NationalGuidance;

    /// <summary>The language of refusals and checklists.</summary>
    /// <value>The default is <see cref="SipLanguage.Swedish"/>.</value>
    public SipLanguage Language { get; set; } = SipLanguage.Swedish;

    /// <summary>Lists every problem with these options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Policy is null)
        {
            problems.Add("Policy is required: pick a preset such as SipPolicy.NationalGuidance and adjust it with 'with'.");
        }
        else
        {
            problems.AddRange(Policy.Validate().Select(p => $"Policy '{Policy.Name}': {p}"));
        }

        if (!Enum.IsDefined(Language))
        {
            problems.Add($"Language is {Language}; allowed: {string.Join(", ", Enum.GetNames<SipLanguage>())}.");
        }

        return problems;
    }
}
