using MudBlazor;

namespace GAssistant.Hub.Components.Layout;

/// <summary>The hub's colours and a font stack that has Arabic glyphs.</summary>
public static class HubTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#2f6fed", AppbarBackground = "#1d2330", Background = "#f5f7fb" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Noto Sans Arabic", "Noto Sans", "Segoe UI", "Tahoma", "sans-serif"] },
            // Words as they are spelt: MudBlazor upper-cases buttons by default ("SYNC WITH ODOO"); Arabic has no case,
            // and brand names (Odoo, Meta) are not acronyms.
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
    };
}
