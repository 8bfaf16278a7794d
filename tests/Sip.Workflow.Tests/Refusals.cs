using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests;

/// <summary>Asserts that a refused command changed nothing: same version, same history, same case.</summary>
internal static class Refusals
{
    public static async Task<TException> ExpectRefusedAsync<TException>(this SipScenario scenario, SipCaseId caseId, Func<Task> command)
        where TException : Exception
    {
        var before = await scenario.Store.GetAsync(caseId);
        var historyBefore = await scenario.Store.GetHistoryAsync(caseId);

        var thrown = await command.Should().ThrowAsync<TException>();

        var after = await scenario.Store.GetAsync(caseId);
        after.Should().BeSameAs(before, "a refused command must not save anything");
        (await scenario.Store.GetHistoryAsync(caseId)).Should().HaveCount(historyBefore.Count, "a refused command writes no history");
        return thrown.Which;
    }

    public static async Task<SipRequirementsNotMetException> ExpectUnmetAsync(this SipScenario scenario, SipCaseId caseId, string code, Func<Task> command)
    {
        var thrown = await scenario.ExpectRefusedAsync<SipRequirementsNotMetException>(caseId, command);
        var unmet = thrown.UnmetRequirements.Should().Contain(u => u.Code == code).Which;
        var text = SipRequirements.Find(code)!.Text(scenario.Language);
        unmet.Text.Should().Be(text, "the refusal speaks the engine's language");
        thrown.Message.Should().Contain(code).And.Contain(text);
        return thrown;
    }
}
