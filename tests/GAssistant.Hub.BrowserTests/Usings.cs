global using System.Net;
global using System.Net.Http.Json;
global using System.Text.Json;
global using GAssistant.Hub.BrowserTests.Infrastructure;
global using GAssistant.Hub.BrowserTests.PageObjects;
global using GAssistant.Hub.Tests.Infrastructure;
global using Microsoft.Playwright;
