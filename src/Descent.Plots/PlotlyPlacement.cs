namespace Descent.Plots;

/// <summary>Where an <see cref="HtmlReport"/> page gets plotly.js from.</summary>
public enum PlotlyPlacement
{
    /// <summary>Inside the page: one file that works anywhere, offline (about 4.6 MB a page).</summary>
    Inline,

    /// <summary>From <c>plotly.min.js</c> written beside the page: several pages share one copy, and move together with it.</summary>
    Beside,
}
