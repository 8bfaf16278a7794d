using Sip.Workflow.Storage;

namespace Sip.Workflow.Tests.Storage;

/// <summary>A query refuses what no store made before any store sees it.</summary>
public sealed class SipCaseQueryTests
{
    [Theory]
    [InlineData("'; DROP TABLE cases; --")]
    [InlineData("")]
    [InlineData("bm90IGEgY3Vyc29y")]
    public void A_continuation_token_not_made_by_a_store_is_refused_naming_the_property(string token)
    {
        var act = () => new SipCaseQuery { ContinuationToken = token };

        act.Should().Throw<ArgumentException>().WithParameterName("ContinuationToken");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void A_page_size_outside_1_to_1000_is_refused_naming_the_property_and_the_range(int size)
    {
        var act = () => new SipCaseQuery { PageSize = size };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("PageSize").WithMessage("*between 1 and 1000*");
    }
}
