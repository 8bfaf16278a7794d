namespace Sip.Workflow.Tests.Exceptions;

/// <summary>A refusal's words as a page or an API shows them: without the parameter's name or the refused value.</summary>
public sealed class SipRefusalTextTests
{
    [Fact]
    public void A_refusal_is_shown_without_the_parameter_suffix()
    {
        var refused = Assert.Throws<ArgumentException>(() => new SubjectReference("19121212-1212"));

        var text = SipRefusalText.Of(refused);

        refused.Message.Should().Contain("(Parameter 'reference')");
        text.Should().Contain("personal identity").And.NotContain("(Parameter").And.NotContain("1212");
    }

    [Fact]
    public void An_out_of_range_refusal_is_shown_without_the_value_it_refused()
    {
        var refused = new ArgumentOutOfRangeException("pageSize", "19121212-1212", "'pageSize' must be 1 to 1000.");

        SipRefusalText.Of(refused).Should().Be("'pageSize' must be 1 to 1000.");
    }

    [Fact]
    public void A_missing_refusal_is_refused_naming_it()
        => ((Action)(() => SipRefusalText.Of(null!))).Should().Throw<ArgumentNullException>().WithParameterName("refusal");
}
